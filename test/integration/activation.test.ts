import * as assert from 'assert';
import * as vscode from 'vscode';

const extensionId = 'commons-kb.commons';

describe('activation', () => {
  it('is installed, activates and registers its commands', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not loaded`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);

    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('commons.refresh'), 'commons.refresh is not registered');
  });
});
