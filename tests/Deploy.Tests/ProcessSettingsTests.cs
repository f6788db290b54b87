using System.Globalization;
using Cluster.Controller.Hosting;
using Cluster.Hosting.Configuration;
using Cluster.Hosting.Health;
using Cluster.HostNode.Hosting;
using Cluster.Runtime.Cluster;
using k8s.Models;

namespace Cluster.Deploy.Tests;

/// <summary>
/// Each of our containers' arguments and environment go through that process's own settings parser, as the process
/// would read them at start; then the parsed settings are held against the pod: its ports, its probes, discovery.
/// </summary>
public sealed class ProcessSettingsTests
{
    /// <summary>What an operator's Secrets would hold (the shapes docs/deploy.md asks for).</summary>
    private static readonly Dictionary<(string Secret, string Key), string> SecretValues = new()
    {
        [("cluster-database", "url")] = "postgres:Host=cluster-postgres-0.cluster-postgres;Username=cluster;Password=sample;Database=cluster",
        [("cluster-tls", "password")] = "sample-password",
        [("cluster-tls", "ca.crt")] = "-----BEGIN CERTIFICATE-----",
        [("cluster-tls", "node.pfx")] = "pkcs12",
        [("cluster-admin-token", "token")] = "sample-admin-token",
        [("cluster-postgres", "password")] = "sample",
    };

    public static TheoryData<string, string> Containers
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var folder in Kustomization.Applied)
            {
                foreach (var workload in Workload.In(Kustomization.Load(folder)))
                {
                    foreach (var container in workload.OurContainers)
                    {
                        data.Add(folder, $"{workload.Name}/{container.Name}");
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Containers))]
    public void The_process_accepts_its_arguments_and_environment_and_listens_where_the_pod_says(string folder, string container)
    {
        var kustomization = Kustomization.Load(folder);
        var (workload, spec) = Find(kustomization, container);
        using var launch = new ContainerLaunch(workload.Pod, spec, SecretValues);
        var program = Path.GetFileName(launch.Program);
        var specs = program switch
        {
            "Cluster.Controller" => ControllerOptions.Specs,
            "Cluster.HostNode" => HostNodeOptions.Specs,
            _ => throw new InvalidOperationException($"{container} runs {launch.Program}, which is not a program of the image"),
        };
        var settings = Settings.Load(specs, launch.Args, name => launch.Environment.GetValueOrDefault(name), jsonPath: null);

        // Settings.Load reads only the variables it knows: a misspelt CLUSTER_ variable would be silently ignored.
        Assert.All(launch.Environment.Keys.Where(k => k.StartsWith(SettingSpec.EnvironmentPrefix, StringComparison.Ordinal)),
            name => Assert.Contains(specs, s => s.EnvironmentVariable == name));
        Assert.All(launch.Environment.Keys.Where(k => !k.StartsWith(SettingSpec.EnvironmentPrefix, StringComparison.Ordinal)),
            name => Assert.Contains(name, ContainerLaunch.References(spec)));
        Assert.All(ContainerLaunch.References(spec), name => Assert.True(launch.Environment.ContainsKey(name), $"$({name}) is not defined before use"));

        var ports = (spec.Ports ?? []).ToDictionary(p => p.Name, p => p.ContainerPort, StringComparer.Ordinal);
        var (formation, probePort) = program == "Cluster.Controller" ? Controller(settings) : HostNode(settings, ports);
        Assert.Equal(ports["remoting"], formation.Port);
        Assert.Equal("0.0.0.0", formation.Hostname);
        Assert.Equal("10.244.1.7", formation.PublicHostname);
        Assert.True(formation.TlsOrOff.Enabled);
        AssertProbe(spec.LivenessProbe, HealthRoutes.LivePath, ports, probePort);
        AssertProbe(spec.ReadinessProbe, HealthRoutes.ReadyPath, ports, probePort);
        AssertProbe(spec.StartupProbe, HealthRoutes.LivePath, ports, probePort);
        AssertDiscovery(kustomization, formation, ports);
    }

    private static (ClusterFormationSettings Formation, int ProbePort) Controller(Settings settings)
    {
        var options = ControllerOptions.From(settings);
        Assert.Equal("postgres", options.DatabaseKind);
        Assert.True(options.AdminTokenRequired);
        Assert.Equal("sample-admin-token", options.AdminToken);
        Assert.Contains("cluster-admin", options.AdminHostNames);
        return (options.Formation, AdminBinding.Endpoint(Assert.Single(options.AdminUrls)).Port);
    }

    private static (ClusterFormationSettings Formation, int ProbePort) HostNode(Settings settings, Dictionary<string, int> ports)
    {
        var options = HostNodeOptions.From(settings);
        Assert.Equal("compute-1", options.HostId.Value);
        Assert.StartsWith("postgres:", options.StorageLeases, StringComparison.Ordinal);
        Assert.Equal(ports["migration"], options.MigrationListen.Listen.Port);
        var health = Assert.NotNull(options.HealthListen);
        return (options.Formation, health.Port);
    }

    private static void AssertProbe(V1Probe? probe, string path, Dictionary<string, int> ports, int listenerPort)
    {
        Assert.NotNull(probe);
        Assert.Equal(path, probe.HttpGet.Path);
        var port = probe.HttpGet.Port.Value;
        var number = ports.TryGetValue(port, out var named) ? named : int.Parse(port, CultureInfo.InvariantCulture);
        Assert.Equal(listenerPort, number);
    }

    /// <summary>Cluster Bootstrap lists the pods of the selector and asks each on its port named "management".</summary>
    private static void AssertDiscovery(Kustomization kustomization, ClusterFormationSettings formation, Dictionary<string, int> ports)
    {
        Assert.Equal(DiscoveryMode.Kubernetes, formation.Discovery);
        var k8s = formation.Kubernetes;
        Assert.NotNull(k8s);
        var selector = Workload.ParseSelector(k8s.PodLabelSelector);
        var contacts = Workload.In(kustomization).Where(w => Workload.Selects(selector, w.PodLabels)).ToList();
        var controllers = Assert.Single(contacts);
        Assert.Equal("cluster-controller", controllers.Name);
        Assert.True(k8s.RequiredContactPoints <= kustomization.All<V1StatefulSet>().Single(s => s.Metadata.Name == controllers.Name).Spec.Replicas);
        Assert.Contains(controllers.Pod.Containers.SelectMany(c => c.Ports), p => p.Name.Contains("management", StringComparison.Ordinal) && p.ContainerPort == k8s.ManagementPort);
        Assert.Equal(k8s.ManagementPort, ports["management"]);
    }

    private static (Workload Workload, V1Container Container) Find(Kustomization kustomization, string name)
    {
        var parts = name.Split('/');
        var workload = Workload.In(kustomization).Single(w => w.Name == parts[0]);
        return (workload, workload.Pod.Containers.Single(c => c.Name == parts[1]));
    }
}
