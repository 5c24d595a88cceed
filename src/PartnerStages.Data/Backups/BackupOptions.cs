namespace PartnerStages.Data.Backups;

// PartnerStages:Backup in configuration; the host sets Folder (the data folder's backups/).
public sealed class BackupOptions
{
    public const string Section = "PartnerStages:Backup";

    public string Folder { get; set; } = "";

    // Backups kept after each new one; the oldest beyond it are deleted. 0 keeps them all.
    public int Keep { get; set; } = 7;

    // Hours between scheduled backups; 0 (the default) schedules none.
    public double IntervalHours { get; set; }
}
