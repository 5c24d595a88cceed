using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Audit;
using PartnerStages.Data.Audit;

namespace PartnerStages.Data.Webhooks;

// What the administrator does with webhook endpoints (issue 18): register, edit, rotate the secret,
// delete, read each one's delivery log, send a test event. Every change is audited; never the secret.
public sealed class WebhookService(IDbContextFactory<PartnerStagesDbContext> contextFactory, TimeProvider clock)
{
    private const string EntityType = "WebhookEndpoint";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<IReadOnlyList<WebhookEndpointRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default) =>
        RowsAsync(actor, id: null, cancellationToken);

    public async Task<WebhookEndpointRow?> GetAsync(Actor actor, int id, CancellationToken cancellationToken = default) =>
        (await RowsAsync(actor, id, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<WebhookEndpointRow>> RowsAsync(Actor actor, int? id, CancellationToken cancellationToken)
    {
        EnsureAdministrator(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => id == null || e.Id == id).OrderBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Url, e.Description, e.Events, e.IsEnabled, e.DisabledReason, e.CreatedAtUtc, e.RowVersion,
                Last = db.WebhookDeliveries.Where(d => d.EndpointId == e.Id && d.LastAttemptAtUtc != null)
                    .OrderByDescending(d => d.LastAttemptAtUtc).ThenByDescending(d => d.Id)
                    .Select(d => new { d.LastAttemptAtUtc, d.Status, d.LastStatusCode, d.LastError }).FirstOrDefault(),
                Waiting = db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.Status == DeliveryStatus.Pending),
            })
            .ToListAsync(cancellationToken);
        return endpoints.Select(e => new WebhookEndpointRow(e.Id, e.Url, e.Description, e.Events.Split(',', StringSplitOptions.RemoveEmptyEntries),
                e.IsEnabled, e.DisabledReason, e.CreatedAtUtc, e.RowVersion,
                e.Last is null ? null : new LastDelivery(e.Last.LastAttemptAtUtc!.Value, e.Last.Status, e.Last.LastStatusCode, e.Last.LastError),
                e.Waiting))
            .ToList();
    }

    public async Task<WebhookSecretShown> CreateAsync(Actor actor, WebhookEndpointInput input, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        ArgumentNullException.ThrowIfNull(input);
        var endpoint = new WebhookEndpoint(input.Url, input.Description, input.Events, input.IsEnabled, WebhookSecret.Create(), Now);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit(Now, actor, AuditAction.Created, EntityType, endpoint.Id, $"Registered the webhook endpoint {endpoint.Url}.", after: Snapshot(endpoint));
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretShown(endpoint.Id, endpoint.Secret);
    }

    public async Task UpdateAsync(Actor actor, int id, WebhookEndpointInput input, int rowVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await ChangeAsync(actor, id, rowVersion, AuditAction.Edited, endpoint =>
        {
            var wasEnabled = endpoint.IsEnabled;
            endpoint.Change(input.Url, input.Description, input.Events, input.IsEnabled);
            return wasEnabled && !endpoint.IsEnabled ? $"Disabled the webhook endpoint {endpoint.Url}."
                : !wasEnabled && endpoint.IsEnabled ? $"Enabled the webhook endpoint {endpoint.Url}."
                : $"Edited the webhook endpoint {endpoint.Url}.";
        }, cancellationToken);
    }

    // The old secret stops working at once: receivers must take the new one (README, Webhooks).
    public async Task<WebhookSecretShown> RotateSecretAsync(Actor actor, int id, int rowVersion, CancellationToken cancellationToken = default)
    {
        var secret = WebhookSecret.Create();
        await ChangeAsync(actor, id, rowVersion, AuditAction.SecretRotated, endpoint =>
        {
            endpoint.RotateSecret(secret);
            return $"Rotated the signing secret of the webhook endpoint {endpoint.Url}.";
        }, cancellationToken);
        return new WebhookSecretShown(id, secret);
    }

    public async Task DeleteAsync(Actor actor, int id, int rowVersion, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await LoadAsync(db, id, rowVersion, cancellationToken);
        db.WebhookEndpoints.Remove(endpoint);
        db.Audit(Now, actor, AuditAction.Deleted, EntityType, id, $"Deleted the webhook endpoint {endpoint.Url} and its delivery log.",
            before: Snapshot(endpoint));
        await SaveOrRefuseAsync(db, cancellationToken);
    }

    // Newest first.
    public async Task<DeliveryPage> ListDeliveriesAsync(Actor actor, int endpointId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId);
        var total = await deliveries.CountAsync(cancellationToken);
        var rows = await deliveries.OrderByDescending(d => d.Id).Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Join(db.WebhookOutbox, d => d.OutboxMessageId, m => m.Id, (d, m) => new DeliveryRow(d.Id, m.Type, m.MessageId, d.Status,
                d.LastStatusCode, d.Attempts, d.LastError, d.NextAttemptAtUtc, d.DeliveredAtUtc, d.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        return new DeliveryPage(rows, total);
    }

    // A webhook.test event for this endpoint alone, sent by the dispatcher like any other.
    public async Task SendTestAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException("This webhook endpoint does not exist any more.");
        var message = WebhookEvents.TestMessage(id, Now);
        db.WebhookOutbox.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        db.WebhookDeliveries.Add(new WebhookDelivery(id, message.Id, Now));
        db.Audit(Now, actor, AuditAction.WebhookTested, EntityType, id, $"Sent a test event to the webhook endpoint {endpoint.Url}.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task ChangeAsync(Actor actor, int id, int rowVersion, AuditAction action, Func<WebhookEndpoint, string> change,
        CancellationToken cancellationToken)
    {
        EnsureAdministrator(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await LoadAsync(db, id, rowVersion, cancellationToken);
        var before = Snapshot(endpoint);
        var summary = change(endpoint);
        db.Entry(endpoint).Property(e => e.RowVersion).IsModified = true;
        db.Audit(Now, actor, action, EntityType, id, summary, before, Snapshot(endpoint));
        await SaveOrRefuseAsync(db, cancellationToken);
    }

    private static async Task<WebhookEndpoint> LoadAsync(PartnerStagesDbContext db, int id, int rowVersion, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException("This webhook endpoint does not exist any more.");
        db.Entry(endpoint).Property(e => e.RowVersion).OriginalValue = rowVersion;
        if (endpoint.RowVersion != rowVersion)
        {
            throw Conflict();
        }

        return endpoint;
    }

    private static async Task SaveOrRefuseAsync(PartnerStagesDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict();
        }
    }

    private static ConcurrencyConflictException Conflict() =>
        new("Someone else changed this webhook endpoint (or the dispatcher disabled it) while you were working on it; nothing of yours was saved.");

    // Never the secret: the audit trail is read by more eyes than the receiver's.
    private static object Snapshot(WebhookEndpoint e) => new { e.Url, e.Description, e.Events, e.IsEnabled };

    internal static void EnsureAdministrator(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdministrator)
        {
            throw new PermissionDeniedException("Only an administrator can manage webhooks.");
        }
    }
}
