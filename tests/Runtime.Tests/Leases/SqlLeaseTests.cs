using Cluster.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Leases;

public sealed class SqliteSqlLeaseTests(ITestOutputHelper output) : SqlLeaseSpec(new SqliteTestDatabase(), output);

public sealed class PostgresSqlLeaseTests(ITestOutputHelper output) : SqlLeaseSpec(new PostgresTestDatabase(), output);
