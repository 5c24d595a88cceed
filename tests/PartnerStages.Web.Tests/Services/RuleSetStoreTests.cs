using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Rules;

namespace PartnerStages.Web.Tests.Services;

public sealed class RuleSetStoreTests : ServiceTestBase
{
    [Fact]
    public async Task The_active_rule_set_is_read_from_the_database()
    {
        await StoreActiveAsync(4, (RuleSet.Default with { Version = 4 }).ToJson());

        Assert.Equal(4, (await Get<RuleSetStore>().GetActiveAsync()).Version);
    }

    [Fact]
    public async Task A_stored_rule_set_that_fails_validation_is_refused_with_its_number()
    {
        var broken = RuleSet.Default with { Version = 3, Weights = RuleSet.Default.Weights with { ProgrammeFluency = 0.9 } };
        Assert.NotEmpty(broken.Validate());
        await StoreActiveAsync(3, broken.ToJson());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Get<RuleSetStore>().GetActiveAsync());

        Assert.StartsWith("Rule set v3 is not valid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_rule_set_that_is_not_json_is_refused_with_its_number()
    {
        await StoreActiveAsync(2, "{ not json");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Get<RuleSetStore>().GetActiveAsync());

        Assert.StartsWith("Rule set v2 is not readable JSON", error.Message, StringComparison.Ordinal);
    }

    private async Task StoreActiveAsync(int number, string json)
    {
        await using var db = Database.CreateContext();
        db.RuleSets.RemoveRange(db.RuleSets);
        var definition = new RuleSetDefinition(number, json, TestData.AdministratorId, TestData.Today.ToDateTime(TimeOnly.MinValue));
        definition.Publish(TestData.Today.ToDateTime(TimeOnly.MinValue));
        db.RuleSets.Add(definition);
        await db.SaveChangesAsync();
        Assert.Equal(1, await db.RuleSets.CountAsync());
    }
}
