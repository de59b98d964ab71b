import { prisma } from '~/utils/db.server'
import type { FeedbackInput } from './feedback'

export async function submitFeedback(input: FeedbackInput): Promise<{ id: string }> {
  return prisma.feedback.create({
    data: { kind: input.kind, message: input.message, email: input.email ?? null },
    select: { id: true },
  })
}

export async function getFeedbackReceipt(id: string) {
  return prisma.feedback.findUnique({
    where: { id },
    select: { id: true, kind: true, message: true, createdAt: true },
  })
}
