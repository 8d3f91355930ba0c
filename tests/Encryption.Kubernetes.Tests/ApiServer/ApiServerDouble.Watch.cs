using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Encryption.Kubernetes.Tests.ApiServer;

public sealed partial class ApiServerDouble
{
    private async Task WatchAsync(HttpContext context, ApiPath path, Dictionary<string, string> query)
    {
        var bookmarks = query.GetValueOrDefault("allowWatchBookmarks") == "true";
        var initial = new List<JsonObject>();
        long cursor;
        if (long.TryParse(query.GetValueOrDefault("resourceVersion"), CultureInfo.InvariantCulture, out var from) && from > 0)
        {
            cursor = from;
        }
        else
        {
            // No (or "0") resource version: synthetic ADDED events for what exists, then changes.
            var (items, version) = Store.List(path.Resource);
            initial.AddRange(items.Select(i => i.Object).Where(o => InScope(path, o, query)));
            cursor = version;
        }

        if (Store.EventsAfter(path.Resource, cursor) is null && _options.GoneAsHttpStatus)
        {
            await WriteAsync(context, 410, Statuses.Expired(cursor, Store.CompactedThrough));
            return;
        }

        using var deadline = new CancellationTokenSource(
            int.TryParse(query.GetValueOrDefault("timeoutSeconds"), out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, context.RequestAborted);

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        await context.Response.Body.FlushAsync(); // headers go out at once, as the real server does

        var session = new WatchSession(path.Resource);
        _watches[session] = 0;
        try
        {
            foreach (var obj in initial)
                await WriteLineAsync(context, "ADDED", obj);

            while (!ended.IsCancellationRequested)
            {
                var changed = Store.Changed;
                var caughtUpTo = Store.ResourceVersion;
                var events = Store.EventsAfter(path.Resource, cursor);
                if (events is null)
                {
                    await WriteLineAsync(context, "ERROR", Statuses.Expired(cursor, Store.CompactedThrough));
                    return;
                }
                foreach (var e in events)
                {
                    cursor = e.ResourceVersion;
                    if (InScope(path, e.Object, query))
                        await WriteLineAsync(context, e.Type, e.Object);
                }
                cursor = Math.Max(cursor, caughtUpTo);

                var command = session.Take();
                if (command != WatchCommand.None)
                    Store.Pulse(); // more commands may be queued: come round again at once
                switch (command)
                {
                    case WatchCommand.Drop:
                        context.Abort();
                        return;
                    case WatchCommand.DropMidLine:
                        await context.Response.WriteAsync("{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"na");
                        await context.Response.Body.FlushAsync();
                        context.Abort();
                        return;
                    case WatchCommand.Bookmark when bookmarks:
                        await WriteLineAsync(context, "BOOKMARK", new JsonObject
                        {
                            ["kind"] = path.Resource.Kind,
                            ["apiVersion"] = path.Resource.ApiVersion,
                            ["metadata"] = new JsonObject { ["resourceVersion"] = caughtUpTo.ToString(CultureInfo.InvariantCulture) },
                        });
                        break;
                    case WatchCommand.Expire:
                        await WriteLineAsync(context, "ERROR", Statuses.Expired(cursor, cursor));
                        return;
                }

                try
                {
                    await changed.WaitAsync(ended.Token);
                }
                catch (OperationCanceledException)
                {
                    return; // timeoutSeconds elapsed (clean end of the stream) or the client went away
                }
            }
        }
        finally
        {
            _watches.TryRemove(session, out _);
        }
    }

    private static async Task WriteLineAsync(HttpContext context, string type, JsonObject obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString() + "\n";
        await context.Response.WriteAsync(line);
        await context.Response.Body.FlushAsync();
    }
}
