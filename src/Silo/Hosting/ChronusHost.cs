using ChronusCrm.Api;
using ChronusCrm.Grains;
using ChronusCrm.Grains.AssistAi;

namespace ChronusCrm.Silo.Hosting;

/// <summary>
/// Builds the one executable: an Orleans silo that also serves the HTTP API. Tests build it the
/// same way, so what they exercise is what runs.
/// </summary>
public static class ChronusHost
{
    public const string DefaultUrl = "http://localhost:3002";

    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Nothing a client sends us is large; routes set tighter limits of their own.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);

        var storage = StorageSetup.Open(builder.Configuration);
        await SchemaMigrator.ApplyAsync(storage.Database, CancellationToken.None);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddChronusGrainServices(storage.Database);
        builder.Services.AddAssistAi(builder.Configuration);
        builder.UseOrleans(silo => OrleansSetup.Configure(silo, builder.Configuration, storage.Database));
        builder.Services.AddChronusApi();

        var app = builder.Build();
        app.UseChronusApi();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ChronusCrm.Startup");
        StartupLog.StorageMode(logger, storage.Database.Mode, storage.Location);
        return app;
    }
}
