using PartnerStages.Core.Rules;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Rules;
using PartnerStages.Web.Accounts;
using PartnerStages.Web.Dashboard;

namespace PartnerStages.Web.Api;

internal static class PortfolioEndpoints
{
    public static void MapPortfolio(this RouteGroupBuilder api)
    {
        // The dashboard's own URL parameters (owner, region, area, months or from/to) and defaults:
        // a channel manager's figures are its own portfolio unless owner=all.
        api.MapGet("/dashboard", async (HttpContext http, DashboardService dashboard, PartnerService partners,
                string? owner, string? region, string? area, int? months, DateOnly? from, DateOnly? to, CancellationToken cancellationToken) =>
            {
                // Declared for their types (a wrong one is a 400) and the document; the view reads them as the page reads its URL.
                _ = (owner, region, area, months, from, to);
                var view = DashboardView.Parse(http.Request.QueryString.Value ?? "");
                var figures = await dashboard.GetAsync(view.ToFilter(CurrentActor.From(http.User), partners.Today), cancellationToken);
                return TypedResults.Ok(DashboardResponse.Of(figures));
            })
            .WithName("GetDashboard")
            .WithSummary("The dashboard's figures for a filter: stage distribution, mix by month, transitions, flagged partners, breakdowns")
            .ProducesValidationProblem();

        api.MapGet("/rule-set", async (RuleSetStore ruleSets, CancellationToken cancellationToken) =>
                TypedResults.Ok<RuleSet>(await ruleSets.GetActiveAsync(cancellationToken)))
            .WithName("GetActiveRuleSet")
            .WithSummary("The active rule set: thresholds, weights and playbooks that judge every check-in");
    }
}
