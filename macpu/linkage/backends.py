"""Where splink runs: DuckDB in this process by default, or Apache Spark for a national population.

Reading and cleaning the extract, and writing the results, always happen in DuckDB (`services/bulk.py`);
an engine takes the cleaned records, runs splink (training, prediction, the hard rules, clustering) and
hands back the tables to write. Spark is an optional extra (`pip install 'macpu[spark]'`), imported only
when asked for.
"""

import os
from pathlib import Path
from typing import Any, Literal, Protocol

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type information
from splink import DuckDBAPI
from splink.internals.database_api import DatabaseAPISubClass
from splink.internals.splink_dataframe import SplinkDataFrame

EngineName = Literal["duckdb", "spark"]
ENGINES: tuple[EngineName, ...] = ("duckdb", "spark")


class EngineUnavailable(RuntimeError):
    """The engine asked for is not installed or cannot start."""


class Engine(Protocol):
    name: EngineName
    db_api: DatabaseAPISubClass

    def register(self, table: str, display_name: str) -> SplinkDataFrame:
        """Make DuckDB's cleaned table `table` splink's input."""
        ...

    def create(self, name: str, sql: str) -> None:
        """Create the table `name` from a query in the engine's own SQL over its tables."""
        ...

    def fetch(self, name: str, into: str) -> None:
        """Copy the engine's table `name` into DuckDB as `into`, to be written out."""
        ...

    def close(self) -> None: ...


def duckdb_connection(*, memory_limit: str = "3GB", threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the settings of ADR 0019 (every core, a memory cap, order not kept)."""
    connection = duckdb.connect()
    connection.execute(f"set threads = {int(threads or os.cpu_count() or 1)}")
    connection.execute(f"set memory_limit = '{_checked_size(memory_limit)}'")
    return connection


def _checked_size(size: str) -> str:
    if not size.replace(" ", "").rstrip("KMGTBkmgtib").replace(".", "").isdigit():
        raise ValueError(f"not a memory size: {size!r} (for example 3GB)")
    return size


class DuckDBEngine:
    """Splink on the same DuckDB connection that holds the cleaned extract: nothing is copied."""

    name: EngineName = "duckdb"

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection
        self.db_api = DuckDBAPI(connection)

    def register(self, table: str, display_name: str) -> SplinkDataFrame:
        return self.db_api.register(table, dataset_display_name=display_name)

    def create(self, name: str, sql: str) -> None:
        self.connection.execute(f"create or replace table {name} as {sql}")

    def fetch(self, name: str, into: str) -> None:
        if name != into:
            self.connection.execute(f"create or replace view {into} as select * from {name}")  # noqa: S608  # names are our own; values bound

    def close(self) -> None:
        return None


class SparkEngine:
    """Splink on a Spark session: local (`local[*]`) unless `MACPU_SPARK_MASTER` names a cluster."""

    name: EngineName = "spark"

    def __init__(self, connection: duckdb.DuckDBPyConnection, *, checkpoint_dir: Path) -> None:
        try:
            from pyspark.sql import SparkSession  # type: ignore[import-not-found,unused-ignore]  # the optional extra
            from splink import SparkAPI
        except ImportError as error:
            raise EngineUnavailable(
                "the Spark engine needs the optional extra: pip install 'macpu[spark]' (and Java 17)"
            ) from error
        from splink.backends.spark import similarity_jar_location

        self.connection = connection
        builder: Any = SparkSession.builder.appName("macpu link").config("spark.jars", similarity_jar_location())
        builder = builder.master(os.environ.get("MACPU_SPARK_MASTER", "local[*]"))
        for key, value in spark_configuration().items():
            builder = builder.config(key, value)
        self.spark = builder.getOrCreate()
        self.spark.sparkContext.setLogLevel("ERROR")
        self.spark.sparkContext.setCheckpointDir(str(checkpoint_dir))
        self.db_api = SparkAPI(spark_session=self.spark)  # type: ignore[no-untyped-call,unused-ignore]

    def register(self, table: str, display_name: str) -> SplinkDataFrame:
        records = self.connection.sql(f"select * from {table}").fetch_arrow_table()  # noqa: S608  # names are our own; values bound
        frame = self.spark.createDataFrame(records)
        return self.db_api.register(frame, dataset_display_name=display_name)

    def create(self, name: str, sql: str) -> None:
        self.spark.sql(sql).createOrReplaceTempView(name)

    def fetch(self, name: str, into: str) -> None:
        records: pa.Table = self.spark.table(name).toArrow()
        self.connection.register(f"{into}_arrow", records)
        self.connection.execute(f"create or replace table {into} as select * from {into}_arrow")  # noqa: S608  # names are our own; values bound
        self.connection.unregister(f"{into}_arrow")

    def close(self) -> None:
        self.spark.stop()


def spark_configuration() -> dict[str, str]:
    """Spark settings for splink: shuffle partitions sized to the machine, unless the environment sets them."""
    partitions = os.environ.get("MACPU_SPARK_SHUFFLE_PARTITIONS", str(max(4, 4 * (os.cpu_count() or 1))))
    return {
        "spark.sql.shuffle.partitions": partitions,
        "spark.default.parallelism": partitions,
        "spark.driver.memory": os.environ.get("MACPU_SPARK_DRIVER_MEMORY", "4g"),
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
    }


def engine_for(
    name: EngineName, connection: duckdb.DuckDBPyConnection, *, checkpoint_dir: Path
) -> DuckDBEngine | SparkEngine:
    if name == "spark":
        return SparkEngine(connection, checkpoint_dir=checkpoint_dir)
    return DuckDBEngine(connection)
