namespace PartnerStages.Data;

// Errors a service reports to the page that called it; each message is written for the user.
public sealed class PermissionDeniedException(string message) : Exception(message);

public sealed class NotFoundException(string message) : Exception(message);

// Someone else saved the same row since it was read: nothing was written, the user's input stays.
public sealed class ConcurrencyConflictException(string message) : Exception(message);
