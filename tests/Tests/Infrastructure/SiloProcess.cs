using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace ChronusCrm.Tests.Infrastructure;

/// <summary>
/// ChronusCRM run as its own operating-system process, exactly as `dotnet run` would run it, so
/// that a test can kill it with SIGKILL or run two of them as a cluster.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = Http.ClientFor(address, TestKeys.Admin);
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the silo with these settings (configuration keys) and waits until it is ready.</summary>
    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var httpPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", SiloAssembly())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(SiloAssembly())!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Chronus__BootstrapApiKey"] = TestKeys.Admin;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{httpPort}"));
        process.OutputDataReceived += (_, line) => silo.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => silo.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await silo.WaitUntilReadyAsync();
        return silo;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; whatever was not durable is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: the host shuts down in order, as Kubernetes or Ctrl+C would ask it to.</summary>
    public async Task StopGracefullyAsync()
    {
        using var kill = Process.Start("kill", $"-TERM {_process.Id}");
        await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>The last lines the silo printed, for a failing test's message.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The silo exited with code {_process.ExitCode} while starting:\n{RecentOutput}");
            }

            try
            {
                var response = await Client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The silo did not become ready within 90 seconds:\n{RecentOutput}");
    }

    /// <summary>The Silo's own build output, beside the sources of this checkout.</summary>
    private static string SiloAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChronusCrm.sln")))
        {
            directory = directory.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(directory!.FullName, "src", "Silo", "bin", configuration, "net10.0", "ChronusCrm.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the Silo project first.", path);
    }
}
