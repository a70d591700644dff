// Front matter in the editor: live checks, completion, hovers and quick fixes.
import * as vscode from 'vscode';
import type { KnowledgeBaseService } from '../../platform/kbService';
import * as codeActions from './codeActions';
import * as completion from './completion';
import * as diagnostics from './diagnostics';
import * as hover from './hover';

export function register(service: KnowledgeBaseService): vscode.Disposable {
  return vscode.Disposable.from(diagnostics.register(service), completion.register(service), hover.register(service), codeActions.register(service));
}
