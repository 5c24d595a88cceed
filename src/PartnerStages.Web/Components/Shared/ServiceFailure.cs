using PartnerStages.Core;
using PartnerStages.Data;

namespace PartnerStages.Web.Components.Shared;

// The errors a service reports with a message written for the user. Anything else is a bug and
// is left to the error boundary rather than shown as if it were the user's doing.
public sealed record ServiceFailure(string Message, string? Field, bool IsConflict)
{
    public static ServiceFailure? From(Exception exception) => exception switch
    {
        DomainException domain => new(domain.Message, domain.Field, false),
        ConcurrencyConflictException conflict => new(conflict.Message, null, true),
        PermissionDeniedException or NotFoundException => new(exception.Message, null, false),
        _ => null,
    };
}
