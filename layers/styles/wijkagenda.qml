<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis minScale="1e+08" version="3.22.16-Białowieża" styleCategories="LayerConfiguration|Symbology|Symbology3D|Labeling|Fields|Forms|Actions|MapTips|Diagrams|AttributeTable|Rendering|GeometryOptions|Temporal|Legend|Elevation|Notes" hasScaleBasedVisibilityFlag="0" maxScale="0" readOnly="0">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal limitMode="0" startField="" durationField="" enabled="0" endExpression="" startExpression="" durationUnit="min" fixedDuration="0" accumulate="0" mode="0" endField="">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <geometryOptions geometryPrecision="0" removeDuplicateNodes="0">
    <activeChecks type="StringList">
      <Option type="QString" value=""/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend type="default-vector" showLabelLegend="0"/>
  <fieldConfiguration>
    <field name="id" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="wijkcode" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="wijk"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="code"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="true"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="naam"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="thema" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="vl_thema"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="code"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="false"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="naam"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="prioriteit" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="jaar_van" configurationFlags="None">
      <editWidget type="Range">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="int" name="Max" value="9999"/>
            <Option type="int" name="Min" value="1000"/>
            <Option type="int" name="Step" value="1"/>
            <Option type="QString" name="Style" value="SpinBox"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="jaar_tot" configurationFlags="None">
      <editWidget type="Range">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="int" name="Max" value="9999"/>
            <Option type="int" name="Min" value="1000"/>
            <Option type="int" name="Step" value="1"/>
            <Option type="QString" name="Style" value="SpinBox"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="omschrijving" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="true"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="herkomst" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="vl_herkomst"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="code"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="false"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="naam"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gepubliceerd" configurationFlags="None">
      <editWidget type="CheckBox">
        <config>
          <Option type="Map">
            <Option type="QString" name="CheckedState" value=""/>
            <Option type="int" name="TextDisplayMethod" value="0"/>
            <Option type="QString" name="UncheckedState" value=""/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option type="bool" name="allow_null" value="true"/>
            <Option type="bool" name="calendar_popup" value="true"/>
            <Option type="QString" name="display_format" value="yyyy-MM-dd HH:mm"/>
            <Option type="QString" name="field_format" value="yyyy-MM-dd HH:mm"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option type="bool" name="allow_null" value="true"/>
            <Option type="bool" name="calendar_popup" value="true"/>
            <Option type="QString" name="display_format" value="yyyy-MM-dd HH:mm"/>
            <Option type="QString" name="field_format" value="yyyy-MM-dd HH:mm"/>
          </Option>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="Nummer" field="id" index="0"/>
    <alias name="Wijk (afgeleid)" field="wijkcode" index="1"/>
    <alias name="Thema" field="thema" index="2"/>
    <alias name="Prioriteit" field="prioriteit" index="3"/>
    <alias name="Van (jaar)" field="jaar_van" index="4"/>
    <alias name="Tot en met (jaar)" field="jaar_tot" index="5"/>
    <alias name="Omschrijving" field="omschrijving" index="6"/>
    <alias name="Herkomst" field="herkomst" index="7"/>
    <alias name="Publiceren op de virtuele stad" field="gepubliceerd" index="8"/>
    <alias name="Aangemaakt door" field="aangemaakt_door" index="9"/>
    <alias name="Aangemaakt op" field="aangemaakt_op" index="10"/>
    <alias name="Gewijzigd door" field="gewijzigd_door" index="11"/>
    <alias name="Gewijzigd op" field="gewijzigd_op" index="12"/>
  </aliases>
  <defaults>
    <default expression="" field="id" applyOnUpdate="0"/>
    <default expression="" field="wijkcode" applyOnUpdate="0"/>
    <default expression="" field="thema" applyOnUpdate="0"/>
    <default expression="" field="prioriteit" applyOnUpdate="0"/>
    <default expression="year(now())" field="jaar_van" applyOnUpdate="0"/>
    <default expression="year(now()) + 3" field="jaar_tot" applyOnUpdate="0"/>
    <default expression="" field="omschrijving" applyOnUpdate="0"/>
    <default expression="" field="herkomst" applyOnUpdate="0"/>
    <default expression="" field="gepubliceerd" applyOnUpdate="0"/>
    <default expression="" field="aangemaakt_door" applyOnUpdate="0"/>
    <default expression="" field="aangemaakt_op" applyOnUpdate="0"/>
    <default expression="" field="gewijzigd_door" applyOnUpdate="0"/>
    <default expression="" field="gewijzigd_op" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="1" exp_strength="0" field="id" notnull_strength="1" constraints="3"/>
    <constraint unique_strength="0" exp_strength="0" field="wijkcode" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="thema" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="1" field="prioriteit" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="1" field="jaar_van" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="1" field="jaar_tot" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="0" field="omschrijving" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="herkomst" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="gepubliceerd" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="aangemaakt_door" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="aangemaakt_op" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gewijzigd_door" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gewijzigd_op" notnull_strength="0" constraints="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="id" exp=""/>
    <constraint desc="" field="wijkcode" exp=""/>
    <constraint desc="" field="thema" exp=""/>
    <constraint desc="Geef de prioriteit een titel." field="prioriteit" exp="length(trim(&quot;prioriteit&quot;)) > 0"/>
    <constraint desc="Het jaar ligt tussen 2000 en 2100." field="jaar_van" exp="&quot;jaar_van&quot; >= 2000 AND &quot;jaar_van&quot; &lt;= 2100"/>
    <constraint desc="De looptijd eindigt niet voor hij begint, en uiterlijk in 2100." field="jaar_tot" exp="&quot;jaar_tot&quot; >= &quot;jaar_van&quot; AND &quot;jaar_tot&quot; &lt;= 2100"/>
    <constraint desc="" field="omschrijving" exp=""/>
    <constraint desc="" field="herkomst" exp=""/>
    <constraint desc="" field="gepubliceerd" exp=""/>
    <constraint desc="" field="aangemaakt_door" exp=""/>
    <constraint desc="" field="aangemaakt_op" exp=""/>
    <constraint desc="" field="gewijzigd_door" exp=""/>
    <constraint desc="" field="gewijzigd_op" exp=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig sortOrder="0" sortExpression="" actionWidgetStyle="dropDown">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>tablayout</editorlayout>
  <attributeEditorForm>
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Prioriteit" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorField name="id" showLabel="1" index="0"/>
      <attributeEditorField name="wijkcode" showLabel="1" index="1"/>
      <attributeEditorField name="thema" showLabel="1" index="2"/>
      <attributeEditorField name="prioriteit" showLabel="1" index="3"/>
      <attributeEditorField name="jaar_van" showLabel="1" index="4"/>
      <attributeEditorField name="jaar_tot" showLabel="1" index="5"/>
      <attributeEditorField name="omschrijving" showLabel="1" index="6"/>
      <attributeEditorField name="herkomst" showLabel="1" index="7"/>
      <attributeEditorField name="gepubliceerd" showLabel="1" index="8"/>
    </attributeEditorContainer>
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Jaarschijven" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorRelation name="jaarschijf_wijkagenda" relationWidgetTypeId="relation_editor" showLabel="0" forceSuppressFormPopup="0" relation="jaarschijf_wijkagenda" nmRelationId="" label="">
        <editor_configuration/>
      </attributeEditorRelation>
    </attributeEditorContainer>
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Afgeleid (door de database)" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorField name="aangemaakt_door" showLabel="1" index="9"/>
      <attributeEditorField name="aangemaakt_op" showLabel="1" index="10"/>
      <attributeEditorField name="gewijzigd_door" showLabel="1" index="11"/>
      <attributeEditorField name="gewijzigd_op" showLabel="1" index="12"/>
    </attributeEditorContainer>
  </attributeEditorForm>
  <editable>
    <field editable="0" name="aangemaakt_door"/>
    <field editable="0" name="aangemaakt_op"/>
    <field editable="0" name="gewijzigd_door"/>
    <field editable="0" name="gewijzigd_op"/>
    <field editable="0" name="id"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>4</layerGeometryType>
</qgis>
