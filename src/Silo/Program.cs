using ChronusCrm.Silo.Hosting;

var app = await ChronusHost.BuildAsync(args);
await app.RunAsync();
