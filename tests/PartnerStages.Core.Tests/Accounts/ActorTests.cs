using PartnerStages.Core.Accounts;

namespace PartnerStages.Core.Tests.Accounts;

public class ActorTests
{
    private static Actor As(string userId, string role) => new(userId, userId, new HashSet<string> { role });

    [Theory]
    [InlineData("ad1", Roles.Administrator, true)]
    [InlineData("cm1", Roles.ChannelManager, true)]
    [InlineData("cm2", Roles.ChannelManager, false)]
    [InlineData("cm1", Roles.Executive, false)]
    public void Only_an_administrator_or_the_owning_channel_manager_may_change_a_partner(string userId, string role, bool allowed) =>
        Assert.Equal(allowed, As(userId, role).CanChangePartnerOwnedBy("cm1"));
}
