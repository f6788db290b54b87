using Cluster.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Cluster.Runtime.Tests.Persistence;

public sealed class SqliteSqlPersistenceTests(ITestOutputHelper output) : SqlPersistenceSpec(new SqliteTestDatabase(), output);

public sealed class PostgresSqlPersistenceTests(ITestOutputHelper output) : SqlPersistenceSpec(new PostgresTestDatabase(), output);
