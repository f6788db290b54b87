using System.Text.RegularExpressions;
using Akka.Actor;
using N = Cluster.Runtime.Cluster.ClusterSettingNames;

namespace Cluster.Runtime.Cluster;

/// <summary>
/// Checks <see cref="ClusterFormationSettings"/> before anything binds a port. A node given seeds of the wrong
/// scheme (akka.tcp with TLS on) does not fail: it crash-loops logging ~15k lines/s (issue 7), so every such
/// mistake is refused here with the setting's name instead.
/// </summary>
public static partial class ClusterFormationValidator
{
    public static IReadOnlyList<SettingError> Validate(ClusterFormationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<SettingError>();
        void Fail(string setting, string reason) => errors.Add(new SettingError(setting, reason));

        if (!ActorSystemName().IsMatch(settings.SystemName))
        {
            Fail(N.SystemName, $"'{settings.SystemName}' is not an actor system name (letters, digits, '-' and '_', starting with a letter or digit)");
        }

        ValidateRoles(settings.Roles, Fail);
        if (string.IsNullOrWhiteSpace(settings.Hostname))
        {
            Fail(N.Hostname, "is empty");
        }

        CheckPort(N.Port, settings.Port, allowZero: true, Fail);
        if (settings.PublicHostname is not null && string.IsNullOrWhiteSpace(settings.PublicHostname))
        {
            Fail(N.PublicHostname, "is empty (leave it unset to advertise the bind hostname)");
        }

        switch (settings.Discovery)
        {
            case DiscoveryMode.Seeds:
                ValidateSeeds(settings, Fail);
                break;
            case DiscoveryMode.Kubernetes:
                ValidateKubernetes(settings, Fail);
                break;
            default:
                Fail(N.Seeds, $"unknown discovery mode {settings.Discovery}");
                break;
        }

        TlsSettingsValidator.Validate(settings.TlsOrOff, Fail);
        ValidateTimings(settings.TimingsOrTuned, Fail);
        return errors;
    }

    private static void ValidateRoles(IReadOnlyList<string> roles, Action<string, string> fail)
    {
        if (roles.Count == 0)
        {
            fail(N.Roles, $"is empty; expected some of {string.Join(", ", ClusterRoles.All)}");
        }

        foreach (var role in roles.Where(r => !ClusterRoles.All.Contains(r, StringComparer.Ordinal)))
        {
            fail(N.Roles, $"'{role}' is not a role; expected {string.Join(" or ", ClusterRoles.All)}");
        }

        foreach (var role in roles.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            fail(N.Roles, $"'{role.Key}' is given twice");
        }
    }

    private static void ValidateSeeds(ClusterFormationSettings settings, Action<string, string> fail)
    {
        if (settings.SeedAddresses.Count == 0)
        {
            fail(N.Seeds, "is empty; seeds discovery needs at least one seed address (this node's own address forms a new cluster)");
        }

        var scheme = settings.TlsOrOff.Scheme;
        for (var i = 0; i < settings.SeedAddresses.Count; i++)
        {
            var seed = settings.SeedAddresses[i];
            if (!Address.TryParse(seed, out var address) || address.Host is null || address.Port is null)
            {
                fail(N.Seed(i), $"'{seed}' is not an Akka address ({scheme}://{settings.SystemName}@host:port)");
                continue;
            }

            if (!string.Equals(address.Protocol, scheme, StringComparison.Ordinal))
            {
                var tls = settings.TlsOrOff.Enabled ? "on" : "off";
                fail(N.Seed(i), $"'{seed}' has scheme {address.Protocol} but TLS is {tls}, so it must be {scheme}://");
            }

            if (!string.Equals(address.System, settings.SystemName, StringComparison.Ordinal))
            {
                fail(N.Seed(i), $"'{seed}' names actor system '{address.System}', not this cluster's '{settings.SystemName}'");
            }

            CheckPort(N.Seed(i), address.Port.Value, allowZero: false, fail);
        }
    }

    private static void ValidateKubernetes(ClusterFormationSettings settings, Action<string, string> fail)
    {
        if (settings.SeedAddresses.Count > 0)
        {
            fail(N.Seeds, "are given but discovery is kubernetes, which finds the contact points itself; remove one of them");
        }

        if (settings.Kubernetes is not { } k8s)
        {
            fail(N.Kubernetes, "is required when discovery is kubernetes");
            return;
        }

        if (string.IsNullOrWhiteSpace(k8s.PodLabelSelector))
        {
            fail(N.PodLabelSelector, "is empty; bootstrap would find no pods");
        }

        if (k8s.Namespace is not null && string.IsNullOrWhiteSpace(k8s.Namespace))
        {
            fail(N.PodNamespace, "is empty (leave it unset to use the pod's own namespace)");
        }

        if (k8s.RequiredContactPoints < 1)
        {
            fail(N.RequiredContactPoints, $"is {k8s.RequiredContactPoints}; it must be at least 1");
        }

        CheckPort(N.ManagementPort, k8s.ManagementPort, allowZero: false, fail);
        if (k8s.ManagementPort == settings.Port)
        {
            fail(N.ManagementPort, $"is {k8s.ManagementPort}, the same as {N.Port}");
        }

        // Discovery reads the token at every lookup and only logs a failure, so a wrong path would leave the node
        // waiting for contact points forever; the pod's own token is not checked (it may be mounted as it starts).
        if (k8s.ApiTokenPath is { } token && !File.Exists(token))
        {
            fail(N.ApiTokenPath, $"'{token}' does not exist");
        }
    }

    private static void ValidateTimings(ClusterTimings timings, Action<string, string> fail)
    {
        TimeSpan[] all = [timings.HeartbeatInterval, timings.AcceptableHeartbeatPause, timings.StableAfter,
            timings.DownRemovalMargin, timings.GossipInterval, timings.LeaderActionsInterval, timings.UnreachableCheckInterval,
            timings.DownAllWhenUnstable];
        if (all.Any(t => t <= TimeSpan.Zero))
        {
            fail(N.Timings, "every interval must be positive");
        }

        if (timings.MinorityLeaseDelay < TimeSpan.Zero)
        {
            fail(N.Timings, "the minority's lease delay must not be negative");
        }

        if (timings.AcceptableHeartbeatPause <= timings.HeartbeatInterval)
        {
            fail(N.Timings, "the acceptable heartbeat pause must be longer than the heartbeat interval, or every node flaps unreachable");
        }
    }

    private static void CheckPort(string setting, int port, bool allowZero, Action<string, string> fail)
    {
        var min = allowZero ? 0 : 1;
        if (port < min || port > 65535)
        {
            fail(setting, FormattableString.Invariant($"port {port} is out of range {min}-65535"));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex ActorSystemName();
}
