import { DOCKERIGNORE } from '../docker/dockerfile-uv';
import { PYTHON_SOURCES_INPUT } from './targets';
import { PYTHON_TOOL_STATE, toolStateExclusions } from '../model/tool-state';

describe('Python tool state', () => {
  it('is left out of the package inputs and of the Docker build context alike', () => {
    expect(toolStateExclusions('{projectRoot}')).toContain('!{projectRoot}/**/dist/**/*');
    expect(toolStateExclusions('{projectRoot}')).not.toContain('!{projectRoot}/**/reports/**/*');
    expect(toolStateExclusions('{projectRoot}')).toContain('!{projectRoot}/**/*.egg-info/**/*');
    expect(PYTHON_SOURCES_INPUT).toEqual(['{projectRoot}/**/*', ...toolStateExclusions('{projectRoot}')]);
    const ignored = DOCKERIGNORE.split('\n');
    for (const x of PYTHON_TOOL_STATE) expect(ignored).toContain(`**/${x}`);
  });
});
