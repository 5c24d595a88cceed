using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerStages.Data.Webhooks;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
        builder.Property(e => e.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
        builder.Property(e => e.Events).HasMaxLength(500);
        builder.Property(e => e.Secret).HasMaxLength(100);
        builder.Property(e => e.DisabledReason).HasMaxLength(500);
        builder.Property(e => e.RowVersion).IsConcurrencyToken();
        builder.Ignore(e => e.EventTypes);
    }
}
