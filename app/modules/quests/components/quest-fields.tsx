import { Field } from '~/components/ui/field'
import { DIFFICULTIES, PRIORITIES } from '../quest-input'

/**
 * The fields of the quest forms (create, edit, team assignment), plain HTML that works without
 * JavaScript. `values` are what was sent (a refused form shows them again) or the quest's own.
 */
type Errors = Record<string, string[] | undefined>
export interface Choice {
  id: string
  name: string
  color: string
}

export const DIFFICULTY_LABEL: Record<(typeof DIFFICULTIES)[number], string> = {
  easy: 'Easy',
  medium: 'Medium',
  hard: 'Hard',
  epic: 'Epic',
}
export const PRIORITY_LABEL: Record<(typeof PRIORITIES)[number], string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
}

/** A small square of a category's or tag's colour (an SVG attribute: no inline style under the CSP). */
export function Swatch({ color }: { color: string }) {
  return (
    <svg width="12" height="12" aria-hidden="true" focusable="false" className="swatch">
      <rect width="12" height="12" rx="2" fill={color} />
    </svg>
  )
}

export function QuestFields({
  values,
  errors,
  categories,
  tags,
  selectedTags = [],
}: {
  values: Record<string, string | undefined>
  errors: Errors
  categories?: Choice[]
  tags?: Choice[]
  selectedTags?: string[]
}) {
  return (
    <>
      <Field label="Title" hint="At most 120 characters." errors={errors.title}>
        {(props) => <input name="title" maxLength={120} defaultValue={values.title ?? ''} required {...props} />}
      </Field>
      <Field label="Description (optional)" hint="At most 2000 characters." errors={errors.description}>
        {(props) => (
          <textarea name="description" rows={3} maxLength={2000} defaultValue={values.description ?? ''} {...props} />
        )}
      </Field>
      <Field label="Difficulty" errors={errors.difficulty}>
        {(props) => (
          <select name="difficulty" defaultValue={values.difficulty ?? 'medium'} {...props}>
            {DIFFICULTIES.map((d) => (
              <option key={d} value={d}>
                {DIFFICULTY_LABEL[d]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Priority" errors={errors.priority}>
        {(props) => (
          <select name="priority" defaultValue={values.priority ?? 'medium'} {...props}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABEL[p]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Estimated minutes" hint="From 1 to 1440 (24 hours)." errors={errors.estimatedDuration}>
        {(props) => (
          <input
            name="estimatedDuration"
            type="number"
            inputMode="numeric"
            min={1}
            max={1440}
            defaultValue={values.estimatedDuration ?? '30'}
            {...props}
          />
        )}
      </Field>
      {categories ? (
        <Field label="Category (optional)" errors={errors.categoryId}>
          {(props) => (
            <select name="categoryId" defaultValue={values.categoryId ?? ''} {...props}>
              <option value="">No category</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {tags && tags.length > 0 ? (
        <fieldset className="field">
          <legend>Tags (optional)</legend>
          {tags.map((t) => (
            <label key={t.id} className="checkbox">
              <input type="checkbox" name="tagIds" value={t.id} defaultChecked={selectedTags.includes(t.id)} />{' '}
              <Swatch color={t.color} /> {t.name}
            </label>
          ))}
          {errors.tagIds ? <p className="field-error">{errors.tagIds.join(' ')}</p> : null}
        </fieldset>
      ) : null}
    </>
  )
}

/** The optional learning goal of a step: its kind, and the topic, count, level or concept it needs. */
export function GoalFields({
  values,
  errors,
  topics,
  legend = 'Learning step (optional)',
}: {
  values: Record<string, string | undefined>
  errors: Errors
  topics: { id: string; title: string }[]
  legend?: string
}) {
  return (
    <fieldset className="field stack">
      <legend>{legend}</legend>
      <p className="hint">
        A learning step ticks itself when you have done the learning; quests with learning steps pay XP for that work.
      </p>
      {errors.goal ? <p className="field-error">{errors.goal.join(' ')}</p> : null}
      <Field label="Kind of learning step" errors={errors.goalKind}>
        {(props) => (
          <select name="goalKind" defaultValue={values.goalKind ?? ''} {...props}>
            <option value="">No learning step</option>
            <option value="answer_tasks">Answer tasks of a topic correctly</option>
            <option value="topic_level">Reach a level in a topic</option>
            <option value="concept_mastery">Reach mastery Proficient in a concept</option>
            <option value="clear_reviews">Clear the review queue</option>
          </select>
        )}
      </Field>
      <Field label="Title of the learning step (optional)" errors={errors.goalTitle}>
        {(props) => <input name="goalTitle" maxLength={200} defaultValue={values.goalTitle ?? ''} {...props} />}
      </Field>
      <Field label="Topic (for answers and levels)" errors={errors.goalTopicId}>
        {(props) => (
          <select name="goalTopicId" defaultValue={values.goalTopicId ?? ''} {...props}>
            <option value="">Choose a topic…</option>
            {topics.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Number of correct answers" hint="From 1 to 50." errors={errors.goalCount}>
        {(props) => (
          <input name="goalCount" type="number" min={1} max={50} defaultValue={values.goalCount ?? ''} {...props} />
        )}
      </Field>
      <Field label="Level to reach" hint="From 2 to 20." errors={errors.goalLevel}>
        {(props) => (
          <input name="goalLevel" type="number" min={2} max={20} defaultValue={values.goalLevel ?? ''} {...props} />
        )}
      </Field>
      <Field label="Concept key" hint='For mastery, e.g. "fractions.add".' errors={errors.goalConcept}>
        {(props) => <input name="goalConcept" maxLength={80} defaultValue={values.goalConcept ?? ''} {...props} />}
      </Field>
    </fieldset>
  )
}
