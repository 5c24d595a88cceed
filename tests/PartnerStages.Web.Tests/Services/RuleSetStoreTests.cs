using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Rules;
using PartnerStages.Data;
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

    [Fact]
    public async Task Another_instance_sees_a_publish_once_its_stamp_check_comes_round_without_a_restart()
    {
        var factory = Get<IDbContextFactory<PartnerStagesDbContext>>();
        var clock = (FixedClock)Get<TimeProvider>();
        var publisher = new RuleSetStore(factory, clock);
        var other = new RuleSetStore(factory, clock);
        Assert.Equal(1, (await other.GetActiveAsync()).Version);

        await PublishAsync(2);
        publisher.ForgetActive();

        Assert.Equal(2, (await publisher.GetActiveAsync()).Version);
        // Within the interval the other instance answers from memory, without a query...
        Assert.Equal(1, (await other.GetActiveAsync()).Version);
        clock.Skip(RuleSetStore.StampCheckInterval);
        // ...and once it has passed, the stamp has moved and the new version is loaded.
        Assert.Equal(2, (await other.GetActiveAsync()).Version);
    }

    [Fact]
    public async Task A_draft_read_by_number_is_not_kept_so_its_edits_are_seen()
    {
        await using (var db = Database.CreateContext())
        {
            db.RuleSets.Add(new RuleSetDefinition(2, (RuleSet.Default with { Version = 2 }).ToJson(), TestData.AdministratorId, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var store = Get<RuleSetStore>();
        Assert.Equal(75, (await store.GetVersionAsync(2)).Soaring.MaturityIndexAtLeast);
        var edited = RuleSet.Default with { Version = 2, Soaring = RuleSet.Default.Soaring with { MaturityIndexAtLeast = 70 } };
        await using (var db = Database.CreateContext())
        {
            await db.RuleSets.Where(r => r.Number == 2).ExecuteUpdateAsync(u => u.SetProperty(r => r.Json, edited.ToJson()));
        }

        Assert.Equal(70, (await store.GetVersionAsync(2)).Soaring.MaturityIndexAtLeast);
    }

    private async Task PublishAsync(int number)
    {
        await using var db = Database.CreateContext();
        var now = TestData.Today.ToDateTime(TimeOnly.MinValue);
        foreach (var active in db.RuleSets.Where(r => r.Status == RuleSetStatus.Active))
        {
            active.Retire();
        }

        var definition = new RuleSetDefinition(number, (RuleSet.Default with { Version = number }).ToJson(), TestData.AdministratorId, now);
        definition.Publish(now);
        db.RuleSets.Add(definition);
        await db.SaveChangesAsync();
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
