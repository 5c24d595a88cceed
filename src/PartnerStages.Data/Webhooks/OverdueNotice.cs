namespace PartnerStages.Data.Webhooks;

// That partner.checkin_overdue was sent for a partner's crossing: the day its overdue count started
// from (its last check-in, or the day it was added). A new check-in starts a new count, so a later
// crossing is a new notice; the same crossing never is (the key), on any instance.
public sealed class OverdueNotice(int partnerId, DateOnly countsFrom, DateTime noticedAtUtc)
{
    public int PartnerId { get; private set; } = partnerId;
    public DateOnly CountsFrom { get; private set; } = countsFrom;
    public DateTime NoticedAtUtc { get; private set; } = DateTime.SpecifyKind(noticedAtUtc, DateTimeKind.Utc);
}
