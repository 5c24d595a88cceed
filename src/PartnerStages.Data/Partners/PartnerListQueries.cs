using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;

namespace PartnerStages.Data.Partners;

// The partner list's query, composed in one place: the list, the dashboard's counts (whose every
// number links to the list) and the CSV export share it, so a count and the partners behind it agree.
public static class PartnerListQueries
{
    // The partners a query's filters keep (sorting and paging aside).
    public static IQueryable<Partner> PartnersMatching(this PartnerStagesDbContext db, PartnerQuery query, DateOnly today)
    {
        var partners = db.Partners.AsNoTracking();
        if (query.StageOn is { } on)
        {
            partners = partners.Where(p => p.ArchivedOn == null || p.ArchivedOn > on);
            if (query.Stages.Count > 0)
            {
                var stages = query.Stages.Cast<Stage?>().ToList();
                partners = partners.WithStageOn(db, on).Where(p => stages.Contains(p.Stage)).Select(p => p.Partner);
            }
        }
        else
        {
            partners = partners.Where(p => p.IsArchived == query.Archived);
            if (query.Stages.Count > 0)
            {
                var stages = query.Stages.Cast<Stage?>().ToList();
                partners = partners.Where(p => stages.Contains(p.CurrentStage));
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = Partner.Normalize(query.Search);
            partners = partners.Where(p => p.NormalizedName.Contains(term));
        }

        if (!string.IsNullOrEmpty(query.OwnerId))
        {
            partners = partners.Where(p => p.OwnerId == query.OwnerId);
        }

        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            partners = partners.Where(p => p.Region == query.Region);
        }

        if (query.SolutionArea is { } area)
        {
            partners = partners.Where(p => p.SolutionArea == area);
        }

        if (query.OverdueOnly)
        {
            // PartnerSignals.IsOverdue, in a form the database can run.
            var cutoff = PartnerSignals.OverdueCutoff(today);
            partners = partners.Where(p => (p.LastAssessedOn ?? p.AddedOn) < cutoff);
        }

        if (query.PendingRegressionOnly)
        {
            partners = partners.Where(p => p.PendingRegression != null);
        }

        if (query.MovedOnly || query.MovedFrom is not null || query.MovedTo is not null)
        {
            var moves = db.StageMoves(query.Since, query.Until);
            if (query.MovedFrom is { } from)
            {
                moves = moves.Where(c => c.From == from);
            }

            if (query.MovedTo is { } to)
            {
                moves = moves.Where(c => c.To == to);
            }

            partners = partners.Where(p => moves.Any(c => c.PartnerId == p.Id));
        }

        if (query.UnassessedOnly)
        {
            partners = partners.Where(p => p.CurrentStage == null);
        }

        if (query.StuckOnly)
        {
            var stuckSince = PartnerSignals.StuckCutoff(today);
            partners = partners.Where(p => (p.CurrentStage == Stage.Denial || p.CurrentStage == Stage.Despair) && p.StageSince < stuckSince);
        }

        if (query.FallingOnly)
        {
            var falling = db.FallingPartnerIds();
            partners = partners.Where(p => falling.Contains(p.Id));
        }

        if (query.AtRiskOnly)
        {
            // PartnerSignals.IsAtRisk. Entering Plateau is a slip that has happened, not a risk: the
            // transitions show it; counting it here flagged two thirds of a sample portfolio.
            var falling = db.FallingPartnerIds();
            partners = partners.Where(p => p.PendingRegression != null || falling.Contains(p.Id));
        }

        return partners;
    }

    // Each partner with its stage at the end of a day (null before its first verdict), read from the
    // stage history: the list's StageOn filter and the dashboard's month-end tallies both use it.
    public static IQueryable<PartnerOnDay> WithStageOn(this IQueryable<Partner> partners, PartnerStagesDbContext db, DateOnly day) =>
        partners.Select(p => new PartnerOnDay
        {
            Partner = p,
            Stage = db.StageChanges
                .Where(c => c.PartnerId == p.Id && c.ChangedOn <= day)
                .OrderByDescending(c => c.ChangedOn).ThenByDescending(c => c.Id)
                .Select(c => (Stage?)c.To)
                .FirstOrDefault(),
        });

    // Stage moves (not a partner's first stage, nor an override that kept the stage) in a period, both ends included.
    public static IQueryable<StageChange> StageMoves(this PartnerStagesDbContext db, DateOnly? since, DateOnly? until)
    {
        var moves = db.StageChanges.AsNoTracking().Where(c => c.From != null && c.From != c.To);
        if (since is { } start)
        {
            moves = moves.Where(c => c.ChangedOn >= start);
        }

        if (until is { } end)
        {
            moves = moves.Where(c => c.ChangedOn <= end);
        }

        return moves;
    }

    // PartnerSignals.IsFalling: the newest check-in's maturity index fell by FallingIndexPoints or more.
    public static IQueryable<int> FallingPartnerIds(this PartnerStagesDbContext db) =>
        db.Partners.Where(p => p.LatestMomentum <= -PartnerSignals.FallingIndexPoints).Select(p => p.Id);

    // The list's rows before paging: each partner with its owner's name, in the query's order.
    public static IQueryable<ListedPartner> ListedPartners(this PartnerStagesDbContext db, PartnerQuery query, DateOnly today)
    {
        var rows = from p in db.PartnersMatching(query, today)
                   join u in db.Users on p.OwnerId equals u.Id
                   select new ListedPartner { Partner = p, OwnerName = u.DisplayName };
        var sorted = query.Sort switch
        {
            PartnerSort.Stage => rows.By(HealthOrder, query.Descending),
            // A day never set sorts before every day, as SQLite orders NULL; PostgreSQL would put it last.
            PartnerSort.LastAssessed => rows.By(r => r.Partner.LastAssessedOn == null ? 0 : 1, query.Descending)
                .Then(r => r.Partner.LastAssessedOn, query.Descending),
            PartnerSort.StageSince => rows.By(r => r.Partner.StageSince == null ? 0 : 1, query.Descending)
                .Then(r => r.Partner.StageSince, query.Descending),
            // Regardless of case, like names: a binary collation put "APAC" before "Americas". upper() is
            // SQL on both providers (SQLite's, like its NOCASE, folds ASCII letters).
#pragma warning disable CA1304, CA1311 // translated to SQL upper(), which knows no .NET culture
            PartnerSort.Owner => rows.By(r => r.OwnerName.ToUpper(), query.Descending),
            PartnerSort.Region => rows.By(r => r.Partner.Region.ToUpper(), query.Descending),
#pragma warning restore CA1304, CA1311
            _ => rows.By(r => r.Partner.NormalizedName, query.Descending),
        };
        return sorted.ThenBy(r => r.Partner.NormalizedName).ThenBy(r => r.Partner.Id);
    }

    private static IOrderedQueryable<ListedPartner> By<TKey>(this IQueryable<ListedPartner> rows,
        Expression<Func<ListedPartner, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    private static IOrderedQueryable<ListedPartner> Then<TKey>(this IOrderedQueryable<ListedPartner> rows,
        Expression<Func<ListedPartner, TKey>> key, bool descending) =>
        descending ? rows.ThenByDescending(key) : rows.ThenBy(key);

    // Core's health order as a CASE the database can sort by, built from StageHealth.ByHealth so the
    // order is stated once; partners not yet assessed rank below every stage.
    private static readonly Expression<Func<ListedPartner, int>> HealthOrder = BuildHealthOrder();

    private static Expression<Func<ListedPartner, int>> BuildHealthOrder()
    {
        var row = Expression.Parameter(typeof(ListedPartner), "row");
        var stage = Expression.Property(Expression.Property(row, nameof(ListedPartner.Partner)), nameof(Partner.CurrentStage));
        Expression rank = Expression.Constant(0);
        foreach (var candidate in StageHealth.ByHealth)
        {
            rank = Expression.Condition(Expression.Equal(stage, Expression.Constant(candidate, typeof(Stage?))),
                Expression.Constant(candidate.HealthRank() + 1), rank);
        }

        return Expression.Lambda<Func<ListedPartner, int>>(rank, row);
    }
}

// One row of the list's query: settable members, so EF Core can sort by them after the projection.
public sealed class ListedPartner
{
    public required Partner Partner { get; init; }
    public required string OwnerName { get; init; }
}

public sealed class PartnerOnDay
{
    public required Partner Partner { get; init; }
    public Stage? Stage { get; init; }
}
