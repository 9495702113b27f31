import { z } from 'zod'

/** A call's definition: the request schema, and its reply type carried as a phantom. */
export interface CallDef<Req extends z.ZodType, Reply> {
  request: Req
  reply: Reply
}

export function define<Reply>() {
  return <Req extends z.ZodType>(request: Req): CallDef<Req, Reply> => ({
    request,
    reply: undefined as Reply,
  })
}

/** The request of a call that takes nothing. */
export const noArgs = z.strictObject({})
