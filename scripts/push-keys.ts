/**
 * npm run push:keys — prints a fresh VAPID key pair for web push (made here, offline), as the
 * lines to put into the server's environment. Changing the keys later ends every subscription:
 * browsers subscribed with the old public key must subscribe again.
 */
import webpush from 'web-push'

const keys = webpush.generateVAPIDKeys()
console.log(`VAPID_PUBLIC_KEY=${keys.publicKey}`)
console.log(`VAPID_PRIVATE_KEY=${keys.privateKey}`)
console.log('VAPID_SUBJECT=mailto:you@example.com')
