import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Makes the service's already-migrated DataSource injectable; closed by the runtime on shutdown. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(dataSource: DataSource): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [{ provide: DataSource, useValue: dataSource }],
      exports: [DataSource],
    };
  }

  /**
   * The same data source through `@nestjs/typeorm`'s TypeOrmModule, so that modules can
   * `TypeOrmModule.forFeature([...entities])` and inject typed repositories. The runtime has
   * already created, initialised and migrated it (one pool, migrations under a lock), so the
   * module is handed that instance rather than options to build its own; it provides
   * `DataSource` and `EntityManager` globally, like `forRoot`. Services switch one at a time.
   */
  static forTypeOrm(dataSource: DataSource): DynamicModule {
    return TypeOrmModule.forRootAsync({
      useFactory: () => dataSource.options,
      dataSourceFactory: () => Promise.resolve(dataSource),
    });
  }
}
