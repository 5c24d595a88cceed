using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Rules;
using PartnerStages.Data;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Samples;

namespace PartnerStages.Web.Tests.Services;

public sealed class SamplePortfolioTests : ServiceTestBase
{
    private static SamplePortfolio Generate(int seed = 7, int size = 60) => SamplePortfolio.Generate(seed, size, TestData.Today, RuleSet.Default);

    [Fact]
    public void The_same_seed_gives_the_same_portfolio()
    {
        static string Fingerprint(SamplePortfolio p) => string.Join("|", p.Partners.Select(x =>
            $"{x.Name};{x.Region};{x.OwnerId};{string.Join(",", x.CheckIns.Select(c => $"{c.On}:{c.Verdict.Stage}:{c.Verdict.MaturityIndex}"))}"));

        Assert.Equal(Fingerprint(Generate(seed: 11)), Fingerprint(Generate(seed: 11)));
        Assert.NotEqual(Fingerprint(Generate(seed: 11)), Fingerprint(Generate(seed: 12)));
    }

    [Fact]
    public void Sixty_partners_pass_through_every_stage_and_end_in_every_stage()
    {
        var portfolio = Generate();

        Assert.Equal(60, portfolio.Partners.Count);
        Assert.Equal(60, portfolio.Partners.Select(p => p.Name.ToUpperInvariant()).Distinct().Count());
        Assert.Equal(Enum.GetValues<Stage>().Order(), portfolio.Partners.SelectMany(p => p.CheckIns).Select(c => c.Verdict.Stage).Distinct().Order());
        Assert.Equal(Enum.GetValues<Stage>().Order(), portfolio.Partners.Select(p => p.CheckIns[^1].StatusAfter.Current).Distinct().Order());
        Assert.All(portfolio.Partners, p => Assert.InRange(p.CheckIns.Count, 6, 24));
    }

    [Fact]
    public void Every_verdict_is_the_one_the_rules_service_gives()
    {
        foreach (var partner in Generate().Partners)
        {
            var history = PartnerHistory.FirstAssessment(partner.JoinedOn, partner.CheckIns[0].On);
            foreach (var checkIn in partner.CheckIns)
            {
                history = history with { AssessedOn = checkIn.On };
                Assert.Equal(StageClassifier.Classify(checkIn.Inputs, history, RuleSet.Default), checkIn.Verdict.Stage);
                history = history.Next(checkIn.Verdict.Stage, checkIn.Verdict.MaturityIndex, checkIn.On);
            }
        }
    }

    [Fact]
    public async Task Loading_fills_an_empty_database_whose_stages_agree_with_the_history()
    {
        var loaded = await Get<SamplePortfolioLoader>().LoadAsync(TestData.Administrator, size: 60, seed: 7);

        Assert.Equal(60, loaded);
        await using var db = Database.CreateContext();
        var partners = await db.Partners.ToListAsync();
        Assert.Equal(60, partners.Count);
        foreach (var partner in partners)
        {
            var lastChange = await db.StageChanges.Where(c => c.PartnerId == partner.Id)
                .OrderByDescending(c => c.ChangedOn).ThenByDescending(c => c.Id).FirstAsync();
            Assert.Equal(partner.CurrentStage, lastChange.To);
        }

        var list = await Get<PartnerService>().ListAsync(new PartnerQuery { PageSize = 5 });
        Assert.Equal(60, list.Total);
    }

    [SqliteOnly("Checks SQLite's -wal file")]
    [Fact]
    public async Task Loading_leaves_no_write_ahead_log_behind()
    {
        await Get<SamplePortfolioLoader>().LoadAsync(TestData.Administrator, size: 60, seed: 7);

        // Gone (the last connection closed it) or emptied: either way nothing is left behind.
        var wal = new FileInfo(new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource + "-wal");
        var length = wal.Exists ? wal.Length : 0;
        Assert.True(length == 0, $"The write-ahead log holds {length:N0} bytes after the load.");
    }

    [Fact]
    public async Task A_sample_never_lands_in_a_database_that_holds_partners()
    {
        await Get<PartnerService>().CreateAsync(TestData.Manager, TestData.Partner());

        var error = await Assert.ThrowsAsync<DomainException>(() => Get<SamplePortfolioLoader>().LoadAsync(TestData.Administrator));

        Assert.Equal("The sample portfolio only loads into a database without partners.", error.Message);
        await using var db = Database.CreateContext();
        Assert.Equal(1, await db.Partners.CountAsync());
        Assert.False(await db.Users.AnyAsync(u => u.Id.StartsWith("sample-owner")));
    }

    [Fact]
    public async Task Only_an_administrator_loads_a_sample()
    {
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Get<SamplePortfolioLoader>().LoadAsync(TestData.Manager));
    }
}
