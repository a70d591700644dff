import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { openWorkbench, Workbench } from './workbench';

const fixture = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'basic-kb');

describe('smoke', () => {
  let workbench: Workbench | undefined;

  afterEach(async () => {
    await workbench?.close();
    workbench = undefined;
  });

  it('opens the knowledge base and shows the Commons views', async () => {
    workbench = await openWorkbench({ folder: fixture });
    await workbench.clickActivityBarItem('Commons');
    const file = await workbench.screenshot('smoke-commons-views');
    assert.ok(fs.statSync(file).size > 0);
  });
});
