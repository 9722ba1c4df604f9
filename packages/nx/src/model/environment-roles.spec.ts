import { assignRoles, environmentWithRole, namesWithRoles, RELEASE_PIN_ROLES } from './environment-roles';
import { normalizeOptions } from './options';

describe('environment roles', () => {
  it('the defaults keep the names: dev, staging, prod', () => {
    expect(normalizeOptions(undefined).environments).toEqual([
      { name: 'dev', path: '.', role: 'dev' },
      { name: 'staging', path: 'staging', role: 'staging' },
      { name: 'prod', path: 'prod', role: 'prod' },
    ]);
  });

  it('a declared role wins over the name; other names are other', () => {
    const envs = normalizeOptions({
      devEnvironment: 'local',
      environments: [
        'prod',
        { name: 'qa', path: 'envs/qa/', role: 'staging' },
        { name: 'live', path: './live', role: 'prod' },
      ],
    }).environments;
    expect(envs).toEqual([
      { name: 'local', path: '.', role: 'dev' },
      { name: 'prod', path: 'prod', role: 'prod' },
      { name: 'qa', path: 'envs/qa', role: 'staging' },
      { name: 'live', path: 'live', role: 'prod' },
    ]);
    expect(environmentWithRole(envs, 'staging')?.name).toBe('qa');
    expect(namesWithRoles(envs, RELEASE_PIN_ROLES.stable)).toEqual(['prod', 'qa', 'live']);
  });

  it('without a prod, the last environment without a declared role is prod', () => {
    expect(
      assignRoles([
        { name: 'qa', path: 'qa' },
        { name: 'live', path: 'live' },
      ]).map((e) => e.role),
    ).toEqual(['other', 'prod']);
    expect(
      assignRoles([
        { name: 'qa', path: 'qa' },
        { name: 'live', path: 'live', role: 'other' },
      ]).map((e) => e.role),
    ).toEqual(['prod', 'other']);
    expect(assignRoles([{ name: 'staging', path: 'staging' }]).map((e) => e.role)).toEqual(['staging']);
    expect(assignRoles([])).toEqual([]);
  });

  it('a role that is not declarable (dev, a typo) is ignored: the name decides', () => {
    expect(assignRoles([{ name: 'prod', path: 'p', role: 'dev' }])[0].role).toBe('prod');
    expect(
      assignRoles([
        { name: 'x', path: 'x', role: 'stagign' },
        { name: 'y', path: 'y' },
      ]).map((e) => e.role),
    ).toEqual(['other', 'prod']);
  });
});
