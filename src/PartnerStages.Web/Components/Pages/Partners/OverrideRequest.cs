using PartnerStages.Core;

namespace PartnerStages.Web.Components.Pages.Partners;

public sealed record OverrideRequest(Stage Stage, string Reason);
