// @nestjs/swagger publishes its compiler plugin as `@nestjs/swagger/plugin` (a package export)
// with the types under dist/, which `moduleResolution: node` does not map: this says where.
declare module '@nestjs/swagger/plugin' {
  export * from '@nestjs/swagger/dist/plugin';
}
