using k8s.Models;

namespace Cluster.Deploy.Tests;

/// <summary>
/// What only a running cluster would reveal: selectors that select nothing, ports that do not exist, Secrets that are
/// never made, discovery that cannot list the pods it looks for, probes on routes the processes do not serve.
/// </summary>
public sealed class ManifestCrossCheckTests
{
    public static TheoryData<string> Kustomizations => [.. Kustomization.Applied];

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_workload_selects_its_own_pod_template(string folder)
    {
        var workloads = Workload.In(Kustomization.Load(folder));

        Assert.All(workloads, w =>
        {
            Assert.Null(w.Selector.MatchExpressions);
            Assert.True(Workload.Selects(w.Selector.MatchLabels, w.PodLabels), $"{w.Kind} {w.Name}: selector does not match its pod labels");
            Assert.DoesNotContain(workloads, other => other != w && Workload.Selects(w.Selector.MatchLabels, other.PodLabels));
        });
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_service_selects_pods_and_targets_a_port_they_expose(string folder)
    {
        var kustomization = Kustomization.Load(folder);
        var workloads = Workload.In(kustomization);

        Assert.All(kustomization.All<V1Service>(), service =>
        {
            var selected = workloads.Where(w => Workload.Selects(service.Spec.Selector, w.PodLabels)).ToList();
            Assert.True(selected.Count > 0, $"Service {service.Metadata.Name} selects no pods");
            foreach (var (port, w) in service.Spec.Ports.SelectMany(port => selected.Select(w => (port, w))))
            {
                var target = port.TargetPort?.Value ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var ports = w.Pod.Containers.SelectMany(c => c.Ports ?? []).ToList();
                Assert.True(
                    ports.Any(p => p.Name == target || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == target),
                    $"Service {service.Metadata.Name} port {port.Name} targets '{target}', which {w.Kind} {w.Name} does not expose");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void The_controllers_are_two_apart_behind_a_headless_service_that_publishes_unready_pods_and_a_disruption_budget(string folder)
    {
        var kustomization = Kustomization.Load(folder);
        var controllers = kustomization.All<V1StatefulSet>().Single(s => s.Metadata.Name == "cluster-controller");
        var governing = kustomization.All<V1Service>().Single(s => s.Metadata.Name == controllers.Spec.ServiceName);
        var budget = Assert.Single(kustomization.All<V1PodDisruptionBudget>());
        var antiAffinity = Assert.Single(controllers.Spec.Template.Spec.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution);

        Assert.Equal(2, controllers.Spec.Replicas);
        Assert.Equal(("None", true), (governing.Spec.ClusterIP, governing.Spec.PublishNotReadyAddresses));
        Assert.True(Workload.Selects(governing.Spec.Selector, controllers.Spec.Template.Metadata.Labels));
        Assert.Equal("kubernetes.io/hostname", antiAffinity.TopologyKey);
        Assert.True(Workload.Selects(antiAffinity.LabelSelector.MatchLabels, controllers.Spec.Template.Metadata.Labels));
        Assert.True(Workload.Selects(budget.Spec.Selector.MatchLabels, controllers.Spec.Template.Metadata.Labels));
        Assert.Equal("1", budget.Spec.MinAvailable?.Value);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_secret_a_pod_reads_is_made_with_the_keys_it_reads(string folder)
    {
        var kustomization = Kustomization.Load(folder);
        var made = new Dictionary<string, IReadOnlySet<string>>(kustomization.GeneratedSecrets, StringComparer.Ordinal);
        foreach (var secret in kustomization.All<V1Secret>())
        {
            made[secret.Metadata.Name] = (secret.Data?.Keys ?? []).Concat(secret.StringData?.Keys ?? []).ToHashSet(StringComparer.Ordinal);
        }

        var reads = Workload.In(kustomization).SelectMany(w =>
            w.Pod.Containers.SelectMany(c => c.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef).OfType<V1SecretKeySelector>().Select(s => (s.Name, s.Key))
                .Concat(w.Pod.Volumes?.Select(v => v.Secret).OfType<V1SecretVolumeSource>().SelectMany(s => s.Items.Select(i => (s.SecretName, i.Key))) ?? [])).ToList();

        Assert.NotEmpty(reads);
        Assert.All(reads, read => Assert.True(
            made.TryGetValue(read.Item1, out var keys) && keys.Contains(read.Item2),
            $"Secret {read.Item1} key {read.Item2} is read but not made by {folder}"));
        Assert.DoesNotContain(Workload.In(kustomization).SelectMany(w => w.Pod.Volumes ?? []), v => v.ConfigMap is not null);
        Assert.DoesNotContain(Workload.In(kustomization).SelectMany(w => w.Pod.Containers.SelectMany(c => c.Env ?? [])), e => e.ValueFrom?.ConfigMapKeyRef is not null);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void The_pods_that_discover_may_list_and_watch_pods_in_their_namespace(string folder)
    {
        var kustomization = Kustomization.Load(folder);
        var accounts = Workload.In(kustomization).SelectMany(w => w.OurContainers.Select(_ => w.Pod.ServiceAccountName)).Distinct().ToList();

        Assert.All(accounts, account =>
        {
            Assert.Contains(kustomization.All<V1ServiceAccount>(), a => a.Metadata.Name == account);
            var binding = kustomization.All<V1RoleBinding>().Single(b => b.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == account && s.NamespaceProperty == "cluster-system"));
            var role = kustomization.All<V1Role>().Single(r => r.Metadata.Name == binding.RoleRef.Name && binding.RoleRef.Kind == "Role");
            Assert.Contains(role.Rules, rule =>
                rule.ApiGroups.Contains(string.Empty) && rule.Resources.Contains("pods") && new[] { "get", "watch", "list" }.All(rule.Verbs.Contains));
        });
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_container_has_probes_resources_and_time_to_shut_down(string folder)
    {
        var workloads = Workload.In(Kustomization.Load(folder));

        Assert.All(workloads, w =>
        {
            Assert.True(w.Pod.TerminationGracePeriodSeconds >= 30, $"{w.Name}: terminationGracePeriodSeconds under 30 s cuts the cluster leave short");
            Assert.All(w.Pod.Containers, c =>
            {
                Assert.NotNull(c.LivenessProbe);
                Assert.NotNull(c.ReadinessProbe);
                Assert.True(c.Resources.Requests.ContainsKey("cpu") && c.Resources.Requests.ContainsKey("memory") && c.Resources.Limits.ContainsKey("memory"), $"{w.Name}/{c.Name}: requests and a memory limit");
            });
        });
    }
}
