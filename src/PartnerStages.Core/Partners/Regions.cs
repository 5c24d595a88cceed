namespace PartnerStages.Core.Partners;

// Moving every partner of one region to another name: a rename when the name is new, a merge when
// it is a region that already exists.
public sealed record RegionMove(string From, string To, bool IsMerge);

// Regions are free text on the partner; what keeps "BeNeLux" from becoming a second "Benelux" is here.
public static class Regions
{
    // A region typed with another capitalisation (or spacing at the ends) of a known one is the known one.
    public static string AsKnown(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        var trimmed = typed.Trim();
        var matches = known.Where(k => string.Equals(k.Trim(), trimmed, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Contains(trimmed, StringComparer.Ordinal) ? trimmed
            : matches.Order(StringComparer.Ordinal).FirstOrDefault() ?? trimmed;
    }

    // Where the partners of `from` go when an administrator types `to`: into a known region other than
    // `from` (however it was capitalised), or to the new name, which may recapitalise `from` itself.
    public static RegionMove Plan(string from, string to, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (string.IsNullOrWhiteSpace(to))
        {
            throw new DomainException("Region", "New name is required.");
        }

        var others = known.Where(k => !string.Equals(k, from, StringComparison.Ordinal)).ToList();
        var target = AsKnown(to, others);
        var isMerge = others.Contains(target, StringComparer.Ordinal);
        if (string.Equals(target, from, StringComparison.Ordinal))
        {
            throw new DomainException("Region", $"The region is already called \"{from}\".");
        }

        return new RegionMove(from, target, isMerge);
    }
}
