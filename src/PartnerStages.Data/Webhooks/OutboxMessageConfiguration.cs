using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerStages.Data.Webhooks;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("WebhookOutbox");
        builder.Property(m => m.MessageId).HasMaxLength(40);
        builder.Property(m => m.Type).HasMaxLength(60);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Ignore(m => m.Source);
        // The dispatcher's question, every poll: what has not been fanned out yet.
        builder.HasIndex(m => m.FannedOutAtUtc);
    }
}
