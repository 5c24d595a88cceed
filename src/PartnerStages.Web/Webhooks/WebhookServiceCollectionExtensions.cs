using Microsoft.Extensions.Options;
using PartnerStages.Data.Webhooks;

namespace PartnerStages.Web.Webhooks;

internal static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddPartnerStagesWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section));
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout)
            // No redirects (a receiver cannot send our signed events elsewhere), no cookies between receivers.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
