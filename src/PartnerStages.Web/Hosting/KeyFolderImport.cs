using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Data;

namespace PartnerStages.Web.Hosting;

// Up to this version the sign-in keys lived in <data>/keys, on one machine's disk; now they live in
// the database, so that every instance accepts every instance's cookies and antiforgery tokens. At
// start-up the folder's keys are copied in once (a key the database already holds, by its name, is
// left alone), so nobody is signed out by the upgrade. The folder itself is left as it was.
internal static class KeyFolderImport
{
    public static async Task<int> ImportAsync(PartnerStagesDbContext db, string folder, CancellationToken cancellationToken = default)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.xml") : [];
        if (files.Length == 0)
        {
            return 0;
        }

        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var imported = 0;
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            // The file repository names each key's file after the key; the database repository keeps that
            // name, and the element as the text it stores itself (unformatted).
            var name = Path.GetFileNameWithoutExtension(file);
            if (known.Add(name))
            {
                db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting) });
                imported++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return imported;
    }
}
