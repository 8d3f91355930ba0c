using Envoy = Encryption.Ztunnel.Protos.Xds;

namespace Encryption.Ztunnel.Xds;

/// <summary>The resources of one response: upserts (full replacements) and names to remove.</summary>
public sealed record DeltaDiff(IReadOnlyList<XdsResource> Upserts, IReadOnlyList<string> Removed)
{
    public bool IsEmpty => Upserts.Count == 0 && Removed.Count == 0;
}

/// <summary>
/// One type's subscription on one delta stream: which names the client wants (wildcard by default;
/// ztunnel's on-demand mode sends "*" in both lists, meaning "nothing yet") and which versions it holds.
/// Pure: diffing a snapshot returns what to send and records it as held.
/// </summary>
public sealed class DeltaSubscription
{
    private const string Wildcard = "*";
    private readonly Dictionary<string, string> held = new(StringComparer.Ordinal);
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private bool wildcard;

    private DeltaSubscription()
    {
    }

    /// <summary>Resources the client holds, by our account (name to version).</summary>
    public IReadOnlyDictionary<string, string> Held => held;

    public bool IsWildcard => wildcard;

    /// <summary>From the first request of a type: its subscribe lists and what the client kept from before a reconnect.</summary>
    public static DeltaSubscription Start(Envoy.DeltaDiscoveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subscription = new DeltaSubscription
        {
            wildcard = request.ResourceNamesSubscribe.Count == 0
                || (request.ResourceNamesSubscribe.Contains(Wildcard) && !request.ResourceNamesUnsubscribe.Contains(Wildcard)),
        };
        foreach (var (name, version) in request.InitialResourceVersions)
            subscription.held[name] = version;
        subscription.AddNames(request.ResourceNamesSubscribe);
        return subscription;
    }

    /// <summary>A later request that changes the subscription (on-demand subscribe / unsubscribe).</summary>
    public void Update(Envoy.DeltaDiscoveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ResourceNamesSubscribe.Contains(Wildcard))
            wildcard = true;
        if (request.ResourceNamesUnsubscribe.Contains(Wildcard))
            wildcard = false;
        AddNames(request.ResourceNamesSubscribe);
        foreach (var name in request.ResourceNamesUnsubscribe)
        {
            names.Remove(name);
            // The client forgets an unsubscribed resource by itself.
            held.Remove(name);
        }
    }

    /// <summary>What to send so the client holds exactly the subscribed part of <paramref name="current"/>; recorded as sent.</summary>
    public DeltaDiff Diff(IReadOnlyDictionary<string, XdsResource> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var upserts = new List<XdsResource>();
        foreach (var (name, resource) in current)
        {
            if (!InScope(name))
                continue;
            if (!held.TryGetValue(name, out var version) || version != resource.Version)
                upserts.Add(resource);
        }

        var removed = held.Keys.Where(name => !current.ContainsKey(name) || !InScope(name)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        foreach (var name in removed)
            held.Remove(name);
        foreach (var resource in upserts)
            held[resource.Name] = resource.Version;
        return new DeltaDiff(upserts, removed);
    }

    private bool InScope(string name) => wildcard || names.Contains(name);

    private void AddNames(IEnumerable<string> subscribe)
    {
        foreach (var name in subscribe)
        {
            if (name != Wildcard)
                names.Add(name);
        }
    }
}
