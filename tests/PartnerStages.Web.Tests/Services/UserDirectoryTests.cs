using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Tests.Services;

public sealed class UserDirectoryTests : ServiceTestBase
{
    private UserDirectory Users => Get<UserDirectory>();

    [Fact]
    public async Task Searching_owners_finds_channel_managers_and_administrators_by_part_of_their_name()
    {
        var manager = TestData.DisplayName(TestData.Manager);

        var found = await Users.SearchOwnersAsync(manager[1..^1].ToUpperInvariant());

        Assert.Equal([TestData.Manager.UserId], found.Select(o => o.Id));
        Assert.DoesNotContain(await Users.SearchOwnersAsync(null), o => o.Id == TestData.Executive.UserId);
        Assert.Equal((await Users.ListOwnersAsync()).Take(2), await Users.SearchOwnersAsync("", limit: 2));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    public async Task Wildcards_in_the_search_are_taken_literally(string term)
    {
        Assert.Empty(await Users.SearchOwnersAsync(term));
    }
}
