import { createContext, useContext } from 'react'

/** The per-request CSP nonce, passed down by entry.server (never through loader data). */
export const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
