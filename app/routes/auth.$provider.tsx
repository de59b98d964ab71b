import type { ActionFunctionArgs } from '@remix-run/node'
import { SocialStartInput } from '~/modules/accounts/social-input'
import { parseForm } from '~/utils/forms'
import { Invalid } from '~/utils/errors.server'
import { page } from '~/utils/http.server'
import { providerParam, startSocialSignIn } from '~/utils/social-auth.server'

/** Starts signing in (or linking, when signed in) with GitHub or Google: a POST from our own login, sign-up or settings page. */

// No loader: a GET here is 405, and the callback (a child route in the file naming) needs no parent data.

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const { provider, config } = providerParam(params.provider)
  const form = parseForm(await request.formData(), SocialStartInput)
  if (!form.ok) throw new Invalid([...form.formErrors, ...Object.values(form.fieldErrors).flat()].join(' '))
  return startSocialSignIn(request, provider, config, form.value.redirectTo)
})
