using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Data.Assessments;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.HasOne<Partner>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.AssessorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Evidence).HasMaxLength(Assessment.EvidenceMaxLength);
        builder.Property(a => a.VoidReason).HasMaxLength(1000);
        builder.Property(a => a.RowVersion).IsConcurrencyToken();
        builder.Ignore(a => a.IsVoided);

        // Inputs, the history the rules read and their verdict live in the assessment row itself, one
        // column per value; the explanation is derived from them (Assessment.Explain), not stored.
        builder.ComplexProperty(a => a.Inputs);
        builder.ComplexProperty(a => a.Verdict, verdict =>
        {
            verdict.Property(v => v.Stage).HasColumnName("VerdictStage");
            verdict.Property(v => v.RuleSetVersion).HasColumnName("RuleSetVersion");
            verdict.Property(v => v.MaturityIndex).HasColumnName("MaturityIndex");
            verdict.Property(v => v.Momentum).HasColumnName("Momentum");
        });
        builder.ComplexProperty(a => a.History, history =>
        {
            history.Property(h => h.TenureMonths).HasColumnName("TenureMonths");
            history.Property(h => h.PreviousStage).HasColumnName("PreviousStage");
            history.Property(h => h.PeakStage).HasColumnName("PeakStage");
            history.Property(h => h.PreviousMaturityIndex).HasColumnName("PreviousMaturityIndex");
        });

        builder.HasIndex(a => new { a.PartnerId, a.AssessedOn });
    }
}

internal sealed class StageChangeConfiguration : IEntityTypeConfiguration<StageChange>
{
    public void Configure(EntityTypeBuilder<StageChange> builder)
    {
        builder.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(c => c.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.ChangedById).HasMaxLength(450);
        builder.Property(c => c.Reason).HasMaxLength(1000);
        builder.HasIndex(c => new { c.PartnerId, c.ChangedOn });
        builder.HasIndex(c => c.ChangedOn);
    }
}

internal sealed class RegressionDismissalConfiguration : IEntityTypeConfiguration<RegressionDismissal>
{
    public void Configure(EntityTypeBuilder<RegressionDismissal> builder)
    {
        builder.HasOne<Partner>().WithMany().HasForeignKey(d => d.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.DismissedById).HasMaxLength(450);
        builder.HasIndex(d => d.PartnerId);
    }
}
