/**
 * What a read returns for a conversation whose last write reached storage after its turn had given
 * up (the clinician was told it was not used). Its content is dropped; the eTag is kept so the next
 * write is still conditional. Written by the Blob store, read by the bot.
 */
export const LATE_WRITE_DISCARDED = "lateWriteDiscarded";
