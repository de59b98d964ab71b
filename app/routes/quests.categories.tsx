import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { Swatch } from '~/modules/quests/components/quest-fields'
import {
  createCategory,
  createTag,
  deleteCategory,
  deleteTag,
  listLabels,
  updateCategory,
  updateTag,
} from '~/modules/quests/labels.server'
import { LabelAction } from '~/modules/quests/quest-input'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { parseForm } from '~/utils/forms'
import { type FormRefusal, page, redirectWithToast, refuseForm } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Categories and tags — Quests — Questlog' }]

/** The learner's own quest categories and tags, each with a colour. */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  return listLabels(user.id)
})

export const action = page(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const formData = await request.formData()
  const form = parseForm(formData, LabelAction)
  if (!form.ok) return refuseForm(form, { intent: formData.get('intent') })
  const input = form.value
  const now = serverNow()
  const back = (message: string) => redirectWithToast('/quests/categories', message)
  try {
    switch (input.intent) {
      case 'create-category':
        await createCategory(user.id, input, now)
        return back(`The category "${input.name}" was created.`)
      case 'update-category':
        await updateCategory(user.id, input.categoryId, input, now)
        return back('The category was saved.')
      case 'delete-category':
        await deleteCategory(user.id, input.categoryId)
        return back('The category was deleted; its quests are kept.')
      case 'create-tag':
        await createTag(user.id, input, now)
        return back(`The tag "${input.name}" was created.`)
      case 'update-tag':
        await updateTag(user.id, input.tagId, input, now)
        return back('The tag was saved.')
      case 'delete-tag':
        await deleteTag(user.id, input.tagId)
        return back('The tag was deleted and taken off its quests.')
    }
  } catch (error) {
    return refuseForm(error, { intent: input.intent, values: Object.fromEntries(formData) as Record<string, string> })
  }
})

type Result = FormRefusal | undefined
type Kind = 'category' | 'tag'

function LabelForm({
  kind,
  label,
  result,
}: {
  kind: Kind
  label?: { id: string; name: string; color: string; description?: string | null }
  result: Result
}) {
  const intent = `${label ? 'update' : 'create'}-${kind}`
  const idField = kind === 'category' ? 'categoryId' : 'tagId'
  const refused = result?.intent === intent && (!label || result.values[idField] === label.id) ? result : undefined
  const values = refused?.values ?? {}
  const errors = refused?.fieldErrors ?? {}
  const noun = kind === 'category' ? 'Category' : 'Tag'
  return (
    <Form method="post" className="stack card" noValidate aria-label={label ? `Edit ${label.name}` : `New ${kind}`}>
      <ErrorSummary fieldErrors={errors} formErrors={refused?.formErrors} />
      {label ? <input type="hidden" name={idField} value={label.id} /> : null}
      <Field label={`${noun} name`} errors={errors.name}>
        {(props) => (
          <input
            name="name"
            maxLength={kind === 'category' ? 100 : 50}
            defaultValue={values.name ?? label?.name ?? ''}
            {...props}
          />
        )}
      </Field>
      <Field label="Colour" hint="Like #3B82F6." errors={errors.color}>
        {(props) => (
          <input
            name="color"
            type="color"
            defaultValue={(values.color ?? label?.color ?? (kind === 'category' ? '#3B82F6' : '#6B7280')).toLowerCase()}
            {...props}
          />
        )}
      </Field>
      {kind === 'category' ? (
        <Field label="Description (optional)" errors={errors.description}>
          {(props) => (
            <input
              name="description"
              maxLength={500}
              defaultValue={values.description ?? label?.description ?? ''}
              {...props}
            />
          )}
        </Field>
      ) : null}
      <div>
        {kind === 'category' ? (
          label ? (
            <SubmitButton name="intent" value="update-category" pendingText="Saving…">
              Save<span className="visually-hidden"> {label.name}</span>
            </SubmitButton>
          ) : (
            <SubmitButton name="intent" value="create-category" pendingText="Creating…">
              Create category
            </SubmitButton>
          )
        ) : label ? (
          <SubmitButton name="intent" value="update-tag" pendingText="Saving…">
            Save<span className="visually-hidden"> {label.name}</span>
          </SubmitButton>
        ) : (
          <SubmitButton name="intent" value="create-tag" pendingText="Creating…">
            Create tag
          </SubmitButton>
        )}
      </div>
    </Form>
  )
}

function DeleteForm({ kind, label }: { kind: Kind; label: { id: string; name: string } }) {
  return (
    <Form method="post">
      <input type="hidden" name={kind === 'category' ? 'categoryId' : 'tagId'} value={label.id} />
      {kind === 'category' ? (
        <SubmitButton name="intent" value="delete-category" className="button danger" pendingText="Deleting…">
          Delete<span className="visually-hidden"> category {label.name}</span>
        </SubmitButton>
      ) : (
        <SubmitButton name="intent" value="delete-tag" className="button danger" pendingText="Deleting…">
          Delete<span className="visually-hidden"> tag {label.name}</span>
        </SubmitButton>
      )}
    </Form>
  )
}

export default function LabelsPage() {
  const { categories, tags } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const deleted = result && result.intent.startsWith('delete-') ? result : undefined
  return (
    <Page titleId="labels-title">
      <p>
        <Link to="/quests">← All quests</Link>
      </p>
      <h1 id="labels-title">Categories and tags</h1>
      <ErrorSummary fieldErrors={deleted?.fieldErrors} formErrors={deleted?.formErrors} />

      <section aria-labelledby="categories-title">
        <h2 id="categories-title">Categories</h2>
        {categories.length === 0 ? <p>You have no categories yet.</p> : null}
        <ul className="plain-list stack-list">
          {categories.map((c) => (
            <li key={c.id}>
              <h3>
                <Swatch color={c.color} /> {c.name} <span className="hint">({c.quests} quests)</span>
              </h3>
              <LabelForm kind="category" label={c} result={result} />
              <DeleteForm kind="category" label={c} />
            </li>
          ))}
        </ul>
        <h3>New category</h3>
        <LabelForm kind="category" result={result} />
      </section>

      <section aria-labelledby="tags-title">
        <h2 id="tags-title">Tags</h2>
        {tags.length === 0 ? <p>You have no tags yet.</p> : null}
        <ul className="plain-list stack-list">
          {tags.map((t) => (
            <li key={t.id}>
              <h3>
                <Swatch color={t.color} /> {t.name} <span className="hint">({t.quests} quests)</span>
              </h3>
              <LabelForm kind="tag" label={t} result={result} />
              <DeleteForm kind="tag" label={t} />
            </li>
          ))}
        </ul>
        <h3>New tag</h3>
        <LabelForm kind="tag" result={result} />
      </section>
    </Page>
  )
}
