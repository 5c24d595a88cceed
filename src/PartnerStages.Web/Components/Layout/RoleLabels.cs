using PartnerStages.Core.Accounts;

namespace PartnerStages.Web.Components.Layout;

public static class RoleLabels
{
    public static string For(string role) => role switch
    {
        Roles.ChannelManager => "Channel manager",
        _ => role,
    };
}
