using PartnerStages.Core.Partners;

namespace PartnerStages.Core.Accounts;

// The signed-in user on whose behalf a service acts; services check every change against it.
public sealed record Actor(string UserId, string Name, IReadOnlySet<string> Roles)
{
    public bool IsAdministrator => Roles.Contains(Accounts.Roles.Administrator);

    public bool IsChannelManager => Roles.Contains(Accounts.Roles.ChannelManager);

    public bool CanCreatePartners => IsAdministrator || IsChannelManager;

    // Administrators change any partner; a channel manager only the partners it owns.
    public bool CanChangePartnerOwnedBy(string ownerId) => IsAdministrator || IsChannelManager && ownerId == UserId;

    public bool CanChange(Partner partner) => CanChangePartnerOwnedBy(partner.OwnerId);
}
