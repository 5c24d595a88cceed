namespace PartnerStages.Core;

// A rule a user can trip; Field names the input so the form can show the message beside it.
public sealed class DomainException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
