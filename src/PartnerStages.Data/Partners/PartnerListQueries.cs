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
        IOrderedQueryable<ListedPartner>? sorted = null;
        foreach (var key in SortKeys(query))
        {
            var method = (sorted is null, key.Descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            sorted = (IOrderedQueryable<ListedPartner>)rows.Provider.CreateQuery<ListedPartner>(Expression.Call(typeof(Queryable), method,
                [typeof(ListedPartner), key.Key.ReturnType], (sorted ?? rows).Expression, Expression.Quote(key.Key)));
        }

        return sorted!;
    }

    // The list's order as keys, most significant first, ending in (name, id) so every row has its own
    // place: the screen's paging and the API's cursors (which carry a row's key values) both use it.
    public static IReadOnlyList<SortKey> SortKeys(PartnerQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var descending = query.Descending;
        List<SortKey> keys = query.Sort switch
        {
            PartnerSort.Stage => [new(HealthOrder, descending)],
            // A day never set sorts before every day, as SQLite orders NULL; PostgreSQL would put it last.
            PartnerSort.LastAssessed => [Key(r => r.Partner.LastAssessedOn == null ? 0 : 1, descending), Key(r => r.Partner.LastAssessedOn, descending)],
            PartnerSort.StageSince => [Key(r => r.Partner.StageSince == null ? 0 : 1, descending), Key(r => r.Partner.StageSince, descending)],
            // Regardless of case, like names: a binary collation put "APAC" before "Americas". upper() is
            // SQL on both providers (SQLite's, like its NOCASE, folds ASCII letters).
#pragma warning disable CA1304, CA1311 // translated to SQL upper(), which knows no .NET culture
            PartnerSort.Owner => [Key(r => r.OwnerName.ToUpper(), descending)],
            PartnerSort.Region => [Key(r => r.Partner.Region.ToUpper(), descending)],
#pragma warning restore CA1304, CA1311
            _ => [Key(r => r.Partner.NormalizedName, descending)],
        };
        keys.Add(Key(r => r.Partner.NormalizedName, false));
        keys.Add(Key(r => r.Partner.Id, false));
        return keys;
    }

    // The rows that come after a row whose sort key values were `after`, in the order of SortKeys.
    public static IQueryable<ListedPartner> After(this IQueryable<ListedPartner> rows, IReadOnlyList<SortKey> keys, IReadOnlyList<object?> after)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(after);
        var row = Expression.Parameter(typeof(ListedPartner), "row");
        Expression? any = null;
        Expression equalSoFar = Expression.Constant(true);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var value = Expression.Constant(after[i], key.Key.ReturnType);
            var body = new ParameterSwap(key.Key.Parameters[0], row).Visit(key.Key.Body);
            Expression beyond;
            if (key.Key.ReturnType == typeof(string))
            {
                var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, body, value);
                beyond = key.Descending ? Expression.LessThan(compare, Expression.Constant(0)) : Expression.GreaterThan(compare, Expression.Constant(0));
            }
            else
            {
                beyond = key.Descending ? Expression.LessThan(body, value) : Expression.GreaterThan(body, value);
            }

            // A null key value (a day never set) has nothing beyond it in its own key; the next keys decide.
            if (after[i] is not null)
            {
                var step = Expression.AndAlso(equalSoFar, beyond);
                any = any is null ? step : Expression.OrElse(any, step);
            }

            equalSoFar = Expression.AndAlso(equalSoFar, Expression.Equal(body, value));
        }

        return rows.Where(Expression.Lambda<Func<ListedPartner, bool>>(any ?? Expression.Constant(false), row));
    }

    private static SortKey Key<TKey>(Expression<Func<ListedPartner, TKey>> key, bool descending) => new(key, descending);

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

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
public sealed record SortKey(LambdaExpression Key, bool Descending);

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
