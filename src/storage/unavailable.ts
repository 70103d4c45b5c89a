// Conversation storage could not be reached, or did not answer within the turn's deadline. Kept
// apart from the Blob store so that a server without Blob storage never loads the Azure SDK.

export class StorageUnavailableError extends Error {
  override name = "StorageUnavailableError";
}
