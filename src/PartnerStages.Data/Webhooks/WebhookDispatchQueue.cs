using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Audit;

namespace PartnerStages.Data.Webhooks;

public sealed record ClaimedDelivery(long Id, int EndpointId, string Url, string Secret, string MessageId, string Body, int Attempts);

// The dispatcher's side of the outbox, safe for several instances on one database: each step that two
// instances could take at once is a conditional update that only one of them wins (fan-out marks the
// message, a send claims a lease, the overdue notice's key refuses a second notice).
public sealed class WebhookDispatchQueue(IDbContextFactory<PartnerStagesDbContext> contextFactory, IOptions<WebhookOptions> options,
    TimeProvider clock)
{
    public const int ErrorLength = 500;
    private const int Batch = 200;

    // Who disables an endpoint after repeated failure, in the audit trail.
    public static readonly Actor Dispatcher = new("webhook-dispatcher", "webhook dispatcher", new HashSet<string> { Roles.Administrator });

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // One delivery per subscribed, enabled endpoint for each message not fanned out yet; returns how
    // many messages it took. An endpoint registered later does not get earlier events.
    public async Task<int> FanOutAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var waiting = await db.WebhookOutbox.AsNoTracking().Where(m => m.FannedOutAtUtc == null).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Type }).Take(Batch).ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return 0;
        }

        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.IsEnabled).ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = Now;
        // Messages no one subscribes to are marked in one statement: two instances doing so harm nothing.
        var unheard = waiting.Where(m => !endpoints.Any(e => e.Subscribes(m.Type))).Select(m => m.Id).ToList();
        if (unheard.Count > 0)
        {
            await db.WebhookOutbox.Where(m => unheard.Contains(m.Id) && m.FannedOutAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.FannedOutAtUtc, now), cancellationToken);
        }

        var made = 0;
        foreach (var message in waiting.Where(m => !unheard.Contains(m.Id)))
        {
            var mine = await db.WebhookOutbox.Where(m => m.Id == message.Id && m.FannedOutAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.FannedOutAtUtc, now), cancellationToken);
            if (mine == 0)
            {
                continue;
            }

            foreach (var endpoint in endpoints.Where(e => e.Subscribes(message.Type)))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery(endpoint.Id, message.Id, now));
                made++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return waiting.Count;
    }

    public async Task<IReadOnlyList<long>> DueAsync(int limit, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (
                from d in db.WebhookDeliveries.AsNoTracking()
                join e in db.WebhookEndpoints on d.EndpointId equals e.Id
                where d.Status == DeliveryStatus.Pending && e.IsEnabled && d.NextAttemptAtUtc <= now
                    && (d.LeaseUntilUtc == null || d.LeaseUntilUtc < now)
                orderby d.NextAttemptAtUtc, d.Id
                select d.Id)
            .Take(limit).ToListAsync(cancellationToken);
    }

    // Null when another instance claimed it first (or it was delivered, or its endpoint disabled, meanwhile).
    public async Task<ClaimedDelivery?> ClaimAsync(long id, string owner, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var until = now + options.Value.LeaseDuration;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && (d.LeaseUntilUtc == null || d.LeaseUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntilUtc, until).SetProperty(d => d.LeaseOwner, owner), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        return await (
                from d in db.WebhookDeliveries.AsNoTracking()
                join e in db.WebhookEndpoints on d.EndpointId equals e.Id
                join m in db.WebhookOutbox on d.OutboxMessageId equals m.Id
                where d.Id == id && e.IsEnabled
                select new ClaimedDelivery(d.Id, e.Id, e.Url, e.Secret, m.MessageId, m.Body, d.Attempts))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task RecordSuccessAsync(ClaimedDelivery delivery, string owner, int statusCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Delivered)
                .SetProperty(d => d.Attempts, delivery.Attempts + 1)
                .SetProperty(d => d.LastAttemptAtUtc, now)
                .SetProperty(d => d.DeliveredAtUtc, now)
                .SetProperty(d => d.LastStatusCode, statusCode)
                .SetProperty(d => d.LastError, (string?)null)
                .SetProperty(d => d.NextAttemptAtUtc, (DateTime?)null)
                .SetProperty(d => d.LeaseUntilUtc, (DateTime?)null)
                .SetProperty(d => d.LeaseOwner, (string?)null), cancellationToken);
        await db.WebhookEndpoints.Where(e => e.Id == delivery.EndpointId && e.ConsecutiveFailures != 0)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, 0), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // A failed attempt: the next one after the back-off schedule's delay (with up to 10 % jitter, so
    // many deliveries that failed together do not all come back at once), or given up after the last.
    // Returns whether the endpoint was disabled by this failure.
    public async Task<bool> RecordFailureAsync(ClaimedDelivery delivery, string owner, int? statusCode, string error,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(error);
        var settings = options.Value;
        var delays = settings.RetryDelays;
        var now = Now;
        var attempts = delivery.Attempts + 1;
        DateTime? next = attempts <= delays.Count
            ? now + delays[attempts - 1] * (1 + (0.1 * Random.Shared.NextDouble()))
            : null;
        var status = next is null ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        var message = error.Length <= ErrorLength ? error : error[..(ErrorLength - 1)] + "…";

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recorded = await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LastAttemptAtUtc, now)
                .SetProperty(d => d.LastStatusCode, statusCode)
                .SetProperty(d => d.LastError, message)
                .SetProperty(d => d.NextAttemptAtUtc, next)
                .SetProperty(d => d.LeaseUntilUtc, (DateTime?)null)
                .SetProperty(d => d.LeaseOwner, (string?)null), cancellationToken);
        if (recorded == 0)
        {
            // The lease ran out and another instance took the delivery over: its outcome counts.
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        await db.WebhookEndpoints.Where(e => e.Id == delivery.EndpointId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, e => e.ConsecutiveFailures + 1), cancellationToken);
        var failures = await db.WebhookEndpoints.Where(e => e.Id == delivery.EndpointId).Select(e => e.ConsecutiveFailures)
            .SingleAsync(cancellationToken);
        var disabled = false;
        if (failures >= settings.DisableAfterFailures)
        {
            var reason = $"Disabled after {failures} failed attempts in a row; the last: {message}";
            reason = reason.Length <= 500 ? reason : reason[..499] + "…";
            disabled = await db.WebhookEndpoints.Where(e => e.Id == delivery.EndpointId && e.IsEnabled)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.IsEnabled, false).SetProperty(e => e.DisabledReason, reason)
                    .SetProperty(e => e.RowVersion, e => e.RowVersion + 1), cancellationToken) == 1;
            if (disabled)
            {
                db.Audit(now, Dispatcher, AuditAction.WebhookDisabled, "WebhookEndpoint", delivery.EndpointId,
                    $"Disabled the webhook endpoint {delivery.Url} after {failures} failed attempts in a row.",
                    new { IsEnabled = true }, new { IsEnabled = false, DisabledReason = reason });
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return disabled;
    }

    // partner.checkin_overdue, once per partner and crossing: a partner whose overdue count (PartnerSignals)
    // passed the threshold and that has no notice for the day the count started from. The notice and the
    // event are one transaction; an instance that noticed the same partner at the same moment loses on the key.
    public async Task<int> NoteOverdueAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        var today = DateOnly.FromDateTime(now);
        var cutoff = PartnerSignals.OverdueCutoff(today);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Nobody listening: no notices either (a portfolio of thousands would write events no one reads).
        // The first check after an endpoint subscribes notes every partner overdue by then, once.
        if (!await db.WebhookEndpoints.AnyAsync(e => e.IsEnabled && e.Events.Contains(WebhookEvents.CheckInOverdue), cancellationToken))
        {
            return 0;
        }

        // PartnerSignals.IsOverdue, in a form the database can run (as the partner list's filter).
        var overdue = await db.Partners.AsNoTracking()
            .Where(p => !p.IsArchived && (p.LastAssessedOn ?? p.AddedOn) < cutoff
                && !db.WebhookOverdueNotices.Any(n => n.PartnerId == p.Id && n.CountsFrom == (p.LastAssessedOn ?? p.AddedOn)))
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.LastAssessedOn, p.AddedOn })
            .Take(Batch).ToListAsync(cancellationToken);
        if (overdue.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var partner in overdue)
        {
            var from = PartnerSignals.OverdueCountsFrom(partner.LastAssessedOn, partner.AddedOn);
            db.WebhookOverdueNotices.Add(new OverdueNotice(partner.Id, from, now));
            db.WebhookOutbox.Add(WebhookEvents.CheckInOverdueMessage(partner.Id, partner.Name, partner.LastAssessedOn, from, today, now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance noticed one of them first; the next scan picks up the rest.
            return 0;
        }

        return overdue.Count;
    }

    // Messages older than KeepFor whose deliveries are all finished go, with their delivery log.
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var before = Now - options.Value.KeepFor;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookOutbox
            .Where(m => m.FannedOutAtUtc != null && m.CreatedAtUtc < before
                && !db.WebhookDeliveries.Any(d => d.OutboxMessageId == m.Id && d.Status == DeliveryStatus.Pending))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
