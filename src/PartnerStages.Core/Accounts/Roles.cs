namespace PartnerStages.Core.Accounts;

public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string ChannelManager = nameof(ChannelManager);
    public const string Executive = nameof(Executive);

    public static IReadOnlyList<string> All { get; } = [Administrator, ChannelManager, Executive];
}
