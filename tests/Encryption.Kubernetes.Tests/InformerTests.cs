using System.Globalization;
using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Informers;
using Encryption.Kubernetes.Models;
using Encryption.Kubernetes.Tests.ApiServer;
using Encryption.Kubernetes.Tests.Support;

namespace Encryption.Kubernetes.Tests;

public sealed class InformerTests
{
    private static ValueTask Ignore(InformerEvent<CiliumNode> e, CancellationToken ct) => ValueTask.CompletedTask;

    [Fact]
    public async Task BookmarkMovesTheResumePointPastOtherResourcesChanges()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-a", "192.168.100.1"));
        var informer = new Informer<CiliumNode>(harness.Client, ResourceTypes.CiliumNodes, Harness.Informer, harness.Time);
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(Ignore, stop.Token);
        await Eventually.True(() => harness.Server.OpenWatches(ApiResource.CiliumNodes) == 1, "the watch");

        harness.Server.Put(ApiResource.Secrets, Objects.Secret("kube-system", "unrelated", new() { ["x"] = "y" }));
        var bookmarked = harness.Server.Store.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        harness.Server.Command(WatchCommand.Bookmark);
        await Eventually.True(() => informer.ResourceVersion == bookmarked, "the bookmark");
        harness.Server.Command(WatchCommand.Drop);
        await Eventually.True(
            () => harness.Server.Requests.Count(r => r.Verb == "watch") == 2, "the watch to resume", harness.Time);

        Assert.Equal(bookmarked, harness.Server.Requests.Last(r => r.Verb == "watch")["resourceVersion"]);
        Assert.Single(harness.Server.Requests, r => r.Verb == "list");
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task HandlerExceptionEndsTheLoopAndSurfaces()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-a", "192.168.100.1"));
        var informer = new Informer<CiliumNode>(harness.Client, ResourceTypes.CiliumNodes, Harness.Informer, harness.Time);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(
            () => informer.RunAsync((_, _) => throw new InvalidOperationException("handler bug"), default));

        Assert.Equal("handler bug", e.Message);
    }

    [Fact]
    public async Task ServerErrorsAreRetriedWithGrowingDelays()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Authorize = _ => false;
        var informer = new Informer<CiliumNode>(harness.Client, ResourceTypes.CiliumNodes, Harness.Informer with
        {
            Backoff = new BackoffOptions { Initial = TimeSpan.FromSeconds(1), Maximum = TimeSpan.FromSeconds(8), Jitter = 0 },
        }, harness.Time);
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(Ignore, stop.Token);
        int Lists() => harness.Server.Requests.Count(r => r.Verb == "list");

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await Eventually.True(() => Lists() == attempt, $"list attempt {attempt}");
            await Eventually.True(() => harness.Time.NextTimerWithin(TimeSpan.FromMinutes(1)) is not null, "the backoff timer");
            var delay = harness.Time.NextTimerWithin(TimeSpan.FromMinutes(1))!.Value;
            delays.Add(delay);
            harness.Time.Advance(delay);
        }

        Assert.Equal([1, 2, 4, 8, 8], delays.Select(d => d.TotalSeconds));
        Assert.False(informer.HasSynced);
        await stop.CancelAsync();
        await run;
    }
}
