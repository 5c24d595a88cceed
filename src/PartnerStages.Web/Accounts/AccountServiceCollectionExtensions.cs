using Microsoft.AspNetCore.Components.Authorization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Accounts;

internal static class AccountServiceCollectionExtensions
{
    // OWASP's current guidance for PBKDF2-HMAC-SHA512; tests lower it through configuration.
    private const int DefaultHashIterations = 210_000;

    public static IServiceCollection AddPartnerStagesAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddAuthorization();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddEntityFrameworkStores<PartnerStagesDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.Configure<PasswordHasherOptions>(options =>
            options.IterationCount = configuration.GetValue("PartnerStages:PasswordHashIterations", DefaultHashIterations));

        // A changed role or a disabled account reaches open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval =
            TimeSpan.FromSeconds(configuration.GetValue("PartnerStages:SessionRecheckSeconds", 60)));

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "PartnerStages.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);

            // Signing in on the login page (or out on the logout path) would make the cookie handler
            // redirect to the raw ReturnUrl query value, and a non-ASCII one fails the response in
            // Kestrel (500, before the sign-in is audited). The page and the endpoint choose a local,
            // escaped address themselves.
            options.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
        });

        // Setup codes are 32^10, so guessing is hopeless anyway; this keeps them from being tried at
        // full speed: ten posts a minute from one address, and the page itself stays readable.
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(FirstRun.SetupAttemptsPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("post " + context.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("read"));
            options.OnRejected = (context, cancellationToken) => new ValueTask(context.HttpContext.Response.WriteAsync(
                "Too many setup attempts from this address. Wait a minute, then enter the code from the server's log again.",
                cancellationToken));
        });

        services.AddSingleton<FirstRun>();
        services.AddScoped<CurrentActor>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<StandInPasswordHash>();
        return services;
    }
}
