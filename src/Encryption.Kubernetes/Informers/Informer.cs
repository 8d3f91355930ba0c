using System.Collections.Immutable;
using System.Net;
using System.Runtime.ExceptionServices;
using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Encryption.Kubernetes.Informers;

/// <summary>
/// Keeps a cache of one resource (keyed <c>namespace/name</c>) in step with the API server: list (paged),
/// then watch from the list's resource version with bookmarks. A stream that ends or drops is resumed from
/// the last resource version seen (event or bookmark), so nothing is lost or repeated; 410 Gone (status or
/// <c>ERROR</c> event) relists and reports the difference, deletions included; other errors back off
/// exponentially with jitter on the <see cref="TimeProvider"/>. Same as client-go's reflector + store.
/// </summary>
public sealed class Informer<T>
    where T : class, IKubernetesObject
{
    private readonly KubernetesApiClient _client;
    private readonly ResourceType<T> _type;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _random;
    private ImmutableDictionary<string, T> _items = ImmutableDictionary.Create<string, T>(StringComparer.Ordinal);
    private volatile string? _resourceVersion;
    private volatile bool _synced;

    public Informer(
        KubernetesApiClient client,
        ResourceType<T> type,
        InformerOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        Random? random = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _type = type ?? throw new ArgumentNullException(nameof(type));
        _options = options ?? new InformerOptions();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _random = random ?? new Random();
    }

    /// <summary>The cache, keyed <c>namespace/name</c> (<c>name</c> for cluster-scoped objects).</summary>
    public ImmutableDictionary<string, T> Items => Volatile.Read(ref _items);

    /// <summary>True once the first list has completed.</summary>
    public bool HasSynced => _synced;

    /// <summary>The last resource version seen (list, event or bookmark); where the next watch starts.</summary>
    public string? ResourceVersion => _resourceVersion;

    private string Resource => _type.Resource.DisplayName;

    /// <summary>
    /// Lists and watches until <paramref name="cancellationToken"/> fires, calling <paramref name="handler"/>
    /// for every change, one at a time. Errors of the API server or the network are retried; an exception
    /// from the handler ends the loop and is rethrown.
    /// </summary>
    public async Task RunAsync(Func<InformerEvent<T>, CancellationToken, ValueTask> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var backoff = new Backoff(_options.Backoff, _random);
        var relist = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan? delay = null;
            try
            {
                if (relist)
                {
                    await RelistAsync(handler, cancellationToken).ConfigureAwait(false);
                    relist = false;
                }
                var lines = await WatchAsync(handler, cancellationToken).ConfigureAwait(false);
                if (lines > 0)
                    backoff.Reset();
                else
                    delay = backoff.Next(); // a server that ends streams at once must not make us spin
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HandlerException e)
            {
                ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
            }
            catch (KubernetesApiException e) when (e.IsGone && !relist)
            {
                InformerLog.Gone(_logger, Resource, _resourceVersion ?? "");
                relist = true;
            }
            catch (Exception e)
            {
                delay = backoff.Next();
                Report(e, relist, delay.Value);
            }

            if (delay is { } wait)
            {
                try
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private void Report(Exception e, bool listing, TimeSpan delay)
    {
        if (e is KubernetesForbiddenException forbidden)
            InformerLog.Forbidden(_logger, forbidden.Message, delay);
        else if (listing)
            InformerLog.ListFailed(_logger, e, Resource, delay);
        else
            InformerLog.WatchFailed(_logger, e, Resource, _resourceVersion ?? "", delay);
    }

    private async Task RelistAsync(Func<InformerEvent<T>, CancellationToken, ValueTask> handler, CancellationToken cancellationToken)
    {
        var list = await _client.ListAsync(_type, _options.Query, _options.PageSize, cancellationToken).ConfigureAwait(false);
        var resourceVersion = list.Metadata.ResourceVersion;
        if (string.IsNullOrEmpty(resourceVersion))
            throw new InvalidDataException($"The list of {Resource} carries no resource version.");

        var fresh = ImmutableDictionary.CreateBuilder<string, T>(StringComparer.Ordinal);
        foreach (var item in list.Items)
            fresh[item.Metadata.Key] = item;
        var old = Items;
        Volatile.Write(ref _items, fresh.ToImmutable());
        _resourceVersion = resourceVersion;
        InformerLog.Listed(_logger, fresh.Count, Resource, resourceVersion);

        foreach (var (key, gone) in old.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!fresh.ContainsKey(key))
                await Invoke(handler, new InformerEvent<T>.Deleted(gone), cancellationToken).ConfigureAwait(false);
        }
        foreach (var (key, item) in fresh.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!old.TryGetValue(key, out var before))
                await Invoke(handler, new InformerEvent<T>.Added(item), cancellationToken).ConfigureAwait(false);
            else if (before.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
                await Invoke(handler, new InformerEvent<T>.Updated(before, item), cancellationToken).ConfigureAwait(false);
        }
        _synced = true;
        await Invoke(handler, new InformerEvent<T>.Resynced(fresh.Values.ToList()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One watch request; returns how many lines it carried. Progress survives an exception in <see cref="_resourceVersion"/>.</summary>
    private async Task<int> WatchAsync(Func<InformerEvent<T>, CancellationToken, ValueTask> handler, CancellationToken cancellationToken)
    {
        var from = _resourceVersion!;
        InformerLog.Watching(_logger, Resource, from);
        using var deadline = new CancellationTokenSource(_options.WatchTimeout + _options.WatchGrace, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var lines = 0;
        try
        {
            await foreach (var e in _client.WatchAsync(_type, _options.Query, from, _options.WatchTimeout, linked.Token).ConfigureAwait(false))
            {
                lines++;
                await ApplyAsync(e, handler, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The server neither sent nor ended the stream in time: watch again from where we are.
        }
        InformerLog.WatchEnded(_logger, Resource, lines, _resourceVersion ?? "");
        return lines;
    }

    private async ValueTask ApplyAsync(WatchEvent<T> e, Func<InformerEvent<T>, CancellationToken, ValueTask> handler, CancellationToken cancellationToken)
    {
        if (e.Type == WatchEventType.Error)
        {
            var code = e.Status?.Code is > 0 and var c ? (HttpStatusCode)c : HttpStatusCode.InternalServerError;
            throw ApiErrors.FromStatus(new KubernetesRequest("watch", _type.Resource, _options.Query.Namespace, null), code, e.Status);
        }

        var obj = e.Object ?? throw new InvalidDataException($"A {e.Type} event of {Resource} has no object.");
        var resourceVersion = obj.Metadata.ResourceVersion;
        if (e.Type != WatchEventType.Bookmark)
        {
            var key = obj.Metadata.Key;
            var items = Items;
            var known = items.TryGetValue(key, out var before);
            InformerEvent<T>? change = e.Type switch
            {
                WatchEventType.Deleted when known => new InformerEvent<T>.Deleted(obj),
                WatchEventType.Deleted => null,
                _ when known && before!.Metadata.ResourceVersion == resourceVersion => null, // already seen
                _ when known => new InformerEvent<T>.Updated(before!, obj),
                _ => new InformerEvent<T>.Added(obj),
            };
            if (change is not null)
            {
                Volatile.Write(ref _items, e.Type == WatchEventType.Deleted ? items.Remove(key) : items.SetItem(key, obj));
                if (!string.IsNullOrEmpty(resourceVersion))
                    _resourceVersion = resourceVersion;
                await Invoke(handler, change, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        if (!string.IsNullOrEmpty(resourceVersion))
            _resourceVersion = resourceVersion;
    }

    private static async ValueTask Invoke(
        Func<InformerEvent<T>, CancellationToken, ValueTask> handler, InformerEvent<T> change, CancellationToken cancellationToken)
    {
        try
        {
            await handler(change, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new HandlerException(e);
        }
    }

    /// <summary>Carries a handler's exception past the retry logic.</summary>
    private sealed class HandlerException(Exception inner) : Exception(inner.Message, inner);
}
